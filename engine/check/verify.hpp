// The verifier: the checks Elasticsearch makes after parsing (function building, type
// resolution, the where condition's type, join keys) plus the planning-time rejection of
// comparisons against fields, all decided from the query text and, when given, a schema.
#pragma once

#include <string_view>
#include <vector>

#include "eql/diagnostic.hpp"
#include "engine/check/schema.hpp"
#include "engine/expr/condition.hpp"
#include "grammar/ast.hpp"

namespace eql {

struct VerifyOptions {
    // Field and key types. Default null: only the types of literals and function results are
    // known, and checks that need a field's type are skipped.
    const Schema* schema = nullptr;
    // The query text the AST was parsed from, so that messages quote expressions as written.
    // Default empty: expressions are printed back from the AST.
    std::string_view text;
    // When set, receives the bound and folded tree of each condition that bound and folded
    // without an error, for CompileCondition to reuse (ConditionOptions::bound).
    expr::BoundConditions* bound = nullptr;
};

// Returns every finding, in query order within each condition, each with the span of the spot
// Elasticsearch points at. Codes:
//   unknown-function           Unknown function [x], did you mean [y]?
//   function-arity             error building [length]: expects exactly one argument
//   function-case-insensitive  Unused parameters [true] detected when building [length]
//   argument-type              first argument of [...] must be [string], found value [...] ...
//   argument-constant          second argument of [...] must be a constant, received [...]
//   in-list-type               2nd argument of [f in (1, "a")] must be [long], found value ...
//   condition-not-boolean      Condition expression needs to be boolean, found [LONG]
//   field-comparison           Comparisons against fields are not (currently) supported; ...
//   join-unsupported           JOIN command is not supported
//   join-key-type              Sequence key [md5] type [keyword] is incompatible with key ...
//   invalid-regex, invalid-cidr, expression-too-deep: literals the engine cannot compile
std::vector<Diagnostic> VerifyQuery(const ast::Query& query, const VerifyOptions& options = {});

}  // namespace eql
