// A finding about a query or rule: a syntax error, a verification error or a schema warning.
// Positions are byte offsets into the query text; FormatDiagnostic turns them into a
// compiler-style message with the source line and a caret.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eql {

enum class Severity { kError, kWarning };

struct Diagnostic {
    Severity severity = Severity::kError;
    std::string code;       // stable identifier, e.g. "syntax", "unknown-function"
    uint32_t offset = 0;    // byte offset of the spot in the query text
    uint32_t length = 1;    // bytes underlined, at least one
    std::string message;    // lower case first word, no final period
    std::string note;       // optional hint printed on its own line, e.g. "did you mean 'length'?"
};

// Where a query sits inside the file it came from, so positions can be given in file terms.
struct SourceOrigin {
    std::string path;      // the file name printed before the line and column
    uint32_t line = 1;     // 1-based line of the query's first byte in that file
    uint32_t column = 1;   // 1-based column (code points) of the query's first byte
};

struct LineColumn {
    uint32_t line = 1;    // 1-based
    uint32_t column = 1;  // 1-based, counted in Unicode code points
};

// Returns the 1-based line and code-point column of `offset` in `text`, shifted by `origin`.
LineColumn LocateOffset(std::string_view text, uint32_t offset, const SourceOrigin& origin);

// Formats one diagnostic as
//   PATH:LINE:COL: error: MESSAGE
//       LINE | source line
//            |     ^~~~
//   note: NOTE
// Tabs in the echoed line are shown as single spaces so that the caret lines up.
std::string FormatDiagnostic(std::string_view text, const Diagnostic& diagnostic,
                             const SourceOrigin& origin);

}  // namespace eql
