// Compiled conditions: the `where` clause of a stage, turned from AST into something that tests
// one event. Compilation applies Elasticsearch's normalisation (null tests, `not` pushed inward)
// and chooses per atomic predicate between field semantics and script semantics.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "eql/diagnostic.hpp"
#include "engine/io/event.hpp"
#include "grammar/ast.hpp"

namespace eql {
class Schema;
}

namespace eql::expr {

class Condition {
public:
    virtual ~Condition() = default;
    // True when the event satisfies the condition; a null outcome counts as false.
    virtual bool Test(const Event& event) const = 0;
};

struct BoundExpr;  // see engine/expr/bound_expr.hpp

// Where conditions already bound and folded (by the verifier), by the AST node each was bound
// from, so that compiling one does not bind and fold it again.
using BoundConditions = std::unordered_map<const ast::Expr*, std::unique_ptr<BoundExpr>>;

struct ConditionOptions {
    const Schema* schema = nullptr;  // field types, when known; null: decide by value
    // When set, a tree found here for the condition is taken out and compiled in place of
    // binding and folding the AST again. It must have been bound with the same schema and
    // folded without an error.
    BoundConditions* bound = nullptr;
    // When false, CompiledCondition::required_literals and index_term stay empty.
    bool routing_hints = true;
};

// Strings that the raw JSON text of an event must contain for the condition to possibly be
// true, so a reader may skip lines without parsing them. Each comes from a conjunct that has to
// be true, such as `f == "x"`, `f : "a*b"` or `startsWith(f, "x")`. It is written as JSON
// escapes it (a backslash as `\\`, a quote as `\"`). It is cut at characters that JSON writers
// may escape (control, non-ASCII, `/ < > & ' =`), and the longest piece is kept. A condition
// with no such conjunct yields nothing. The lists assume that the JSON writer escapes no other
// ASCII character as a \u sequence.
struct RequiredLiterals {
    // Strings of which at least one occurs, from a list such as `f in ("a.exe", "b.exe")`.
    struct AnyOf {
        std::vector<std::string> texts;
        bool folded = false;  // as for `folded` below
    };

    std::vector<std::string> exact;   // each occurs byte for byte
    std::vector<std::string> folded;  // each occurs when ASCII case is ignored; lower case
    std::vector<AnyOf> any_of;        // in each, one string occurs
};

// A field whose string values decide whether a condition can be true: it is true only for an
// event with a string value in `path` that equals one of `values` once ASCII letters are
// lowered. Values of other kinds (numbers, booleans) may still satisfy it.
struct IndexTerm {
    std::string path;
    uint32_t slot = 0;                // of `path` in the layout the condition was compiled for
    std::vector<std::string> values;  // ASCII letters lowered, distinct
    // True when `path` names a program, file, address or the like, so that few events share a
    // value. False for event.action and the fields that classify events (event.*, host.*,
    // network.* and the like).
    bool selective = false;
};

struct CompiledCondition {
    std::unique_ptr<Condition> condition;  // null when diagnostics hold an error
    std::vector<Diagnostic> diagnostics;
    RequiredLiterals required_literals;
    std::optional<IndexTerm> index_term;
};

// Compiles `expr`, registering every field it reads in `layout`. Regular expressions,
// wildcards and CIDR blocks compile here, once; a bad one is an error diagnostic on its literal.
CompiledCondition CompileCondition(const ast::Expr& expr, EventLayout& layout,
                                   const ConditionOptions& options = {});

}  // namespace eql::expr
