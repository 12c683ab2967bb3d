// Positions in query text for diagnostics. LocateOffset turns a byte offset into a line and a
// code-point column, shifted by where the query sits in its file. FormatDiagnostic renders a
// compiler-style message with the source line and a caret under the span.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "eql/diagnostic.hpp"

namespace eql {
namespace {

uint32_t CountCodePoints(std::string_view text) {
    uint32_t count = 0;
    for (const char c : text) {
        // UTF-8 continuation bytes are 10xxxxxx; every other byte starts a code point.
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

// The line holding `offset`: [begin, end) without its line break, and its 0-based index.
struct LineSpan {
    size_t begin = 0;
    size_t end = 0;
    uint32_t index = 0;
};

LineSpan FindLine(std::string_view text, size_t offset) {
    LineSpan line;
    const size_t previous_break = offset == 0 ? std::string_view::npos
                                              : text.rfind('\n', offset - 1);
    line.begin = previous_break == std::string_view::npos ? 0 : previous_break + 1;
    const size_t next_break = text.find('\n', offset);
    line.end = next_break == std::string_view::npos ? text.size() : next_break;
    if (line.end > line.begin && text[line.end - 1] == '\r') {
        --line.end;
    }
    line.index = static_cast<uint32_t>(std::count(text.begin(), text.begin() + line.begin, '\n'));
    return line;
}

}  // namespace

LineColumn LocateOffset(std::string_view text, uint32_t offset, const SourceOrigin& origin) {
    const size_t clamped = std::min<size_t>(offset, text.size());
    const LineSpan line = FindLine(text, clamped);
    const uint32_t column =
        1 + CountCodePoints(text.substr(line.begin, std::min(clamped, line.end) - line.begin));

    LineColumn position;
    position.line = origin.line + line.index;
    position.column = line.index == 0 ? origin.column + column - 1 : column;
    return position;
}

std::string FormatDiagnostic(std::string_view text, const Diagnostic& diagnostic,
                             const SourceOrigin& origin) {
    const size_t offset = std::min<size_t>(diagnostic.offset, text.size());
    const LineSpan line = FindLine(text, offset);
    const LineColumn position = LocateOffset(text, diagnostic.offset, origin);

    std::string out;
    if (!origin.path.empty()) {
        out += origin.path + ":";
    }
    out += fmt::format("{}:{}: {}: {}\n", position.line, position.column,
                       diagnostic.severity == Severity::kError ? "error" : "warning",
                       diagnostic.message);

    // The source line, tabs shown as one space so that the caret below lines up.
    std::string source_line(text.substr(line.begin, line.end - line.begin));
    std::replace(source_line.begin(), source_line.end(), '\t', ' ');
    const std::string gutter = fmt::format("    {}", position.line);
    out += fmt::format("{} | {}\n", gutter, source_line);

    // The caret: a span that crosses the line end is underlined to the end of this line.
    const size_t caret_at = std::min(offset, line.end);
    const uint32_t padding = CountCodePoints(text.substr(line.begin, caret_at - line.begin));
    const size_t span_end = std::min<size_t>(offset + std::max<uint32_t>(diagnostic.length, 1),
                                             line.end);
    const uint32_t width =
        span_end > caret_at ? CountCodePoints(text.substr(caret_at, span_end - caret_at)) : 1;
    out += fmt::format("{} | {}^{}\n", std::string(gutter.size(), ' '), std::string(padding, ' '),
                       std::string(std::max<uint32_t>(width, 1) - 1, '~'));

    if (!diagnostic.note.empty()) {
        out += fmt::format("note: {}\n", diagnostic.note);
    }
    return out;
}

}  // namespace eql
