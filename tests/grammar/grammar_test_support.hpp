// Helpers shared by the grammar tests: parse a query and render the outcome as one string, so
// that every table row compares exactly one value.
#pragma once

#include <string>
#include <string_view>

#include "eql/diagnostic.hpp"
#include "grammar/ast.hpp"
#include "grammar/parse.hpp"

namespace eql::grammar::testing {

// The Dump of the parsed query, or "error [code]: message" when it does not parse.
inline std::string DumpOrError(std::string_view text) {
    const ParseResult result = ParseQuery(text);
    if (result.query) {
        return ast::Dump(*result.query);
    }
    return "error [" + result.error->code + "]: " + result.error->message;
}

// The formatted diagnostic for a query that must fail, as if read from `q.eql`.
inline std::string FormattedError(std::string_view text) {
    const ParseResult result = ParseQuery(text);
    if (result.query) {
        return "parsed: " + ast::Dump(*result.query);
    }
    return FormatDiagnostic(text, *result.error, SourceOrigin{"q.eql", 1, 1});
}

// The text a span covers.
inline std::string_view Slice(std::string_view text, ast::Span span) {
    return text.substr(span.begin, span.end - span.begin);
}

// The diagnostic code of a query that must fail, or "parsed".
inline std::string ErrorCode(std::string_view text) {
    const ParseResult result = ParseQuery(text);
    return result.query ? "parsed" : result.error->code;
}

}  // namespace eql::grammar::testing
