// The grammar's entry point: EQL text in, AST or the first syntax error out.
#pragma once

#include <optional>
#include <string_view>

#include "eql/diagnostic.hpp"
#include "grammar/ast.hpp"

namespace eql::grammar {

struct ParseResult {
    std::optional<ast::Query> query;  // set when the text parsed
    std::optional<Diagnostic> error;  // set otherwise: the first syntax error, with its offset
};

// Parses a whole query, pipes included. Also applies the checks Elasticsearch makes while
// building its tree: string escapes, time units, `runs` bounds, join-key counts, stage counts,
// missing stages without maxspan, `by` before `with`, array indexes and rejected constructs.
// Text that is not valid UTF-8 is an error at its first invalid byte.
ParseResult ParseQuery(std::string_view text);

}  // namespace eql::grammar
