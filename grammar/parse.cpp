// ParseQuery: runs the grammar with its actions over one query and returns the AST, or the
// first error. A syntax error anywhere wins over the builder's checks, because Elasticsearch
// also parses the whole query before it builds its tree. This file contains the only catch of
// pegtl::parse_error.
#include "grammar/parse.hpp"

#include <cctype>
#include <limits>
#include <string>
#include <string_view>

#include <tao/pegtl.hpp>

#include "grammar/builder.hpp"
#include "grammar/errors.hpp"
#include "grammar/expression_actions.hpp"
#include "grammar/query_actions.hpp"

namespace eql::grammar {
namespace {

bool IsIdentifierChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '@';
}

std::string_view WordAt(std::string_view text, size_t offset) {
    size_t end = offset;
    while (end < text.size() && IsIdentifierChar(text[end])) {
        ++end;
    }
    return text.substr(offset, end - offset);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// A hint for the two keyword mistakes that produce confusing syntax errors: an upper-case
// keyword (`AND`), and a reserved word used where a field or category was expected.
std::string KeywordNote(std::string_view word, std::string_view message) {
    if (word.empty()) {
        return "";
    }
    std::string lower(word);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower != word && IsReservedWord(lower)) {
        return "keywords are lower case: write '" + lower + "'";
    }
    if (!IsReservedWord(word)) {
        return "";
    }
    if (StartsWith(message, "expected an event category")) {
        return "'" + lower + "' is a reserved keyword; write \"" + lower +
               "\" in double quotes to use it as an event category";
    }
    for (std::string_view expected : {"expected a condition", "expected a value",
                                       "expected a field", "expected an argument",
                                       "expected an expression"}) {
        if (StartsWith(message, expected)) {
            return "'" + lower + "' is a reserved keyword; write `" + lower +
                   "` in backquotes to use it as a field name";
        }
    }
    return "";
}

Diagnostic SyntaxDiagnostic(std::string_view text, const pegtl::parse_error& error) {
    Diagnostic diagnostic;
    diagnostic.code = code::kSyntax;
    diagnostic.message = std::string(error.message());
    if (!error.positions().empty()) {
        diagnostic.offset = static_cast<uint32_t>(error.positions().front().byte);
    }

    // At the end of the text, point just after the last token rather than past trailing
    // blank lines, so that the echoed line is the one the query ends on.
    if (diagnostic.offset == text.size()) {
        while (diagnostic.offset > 0 && std::isspace(static_cast<unsigned char>(
                                            text[diagnostic.offset - 1])) != 0) {
            --diagnostic.offset;
        }
    }

    const std::string_view word = WordAt(text, diagnostic.offset);
    diagnostic.length = std::max<uint32_t>(1, static_cast<uint32_t>(word.size()));
    diagnostic.note = KeywordNote(word, diagnostic.message);
    return diagnostic;
}

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the UTF-8 sequence that `lead` starts, or 0 when no sequence starts with it.
size_t SequenceLength(unsigned char lead) {
    if (lead < 0x80) {
        return 1;
    }
    if (lead < 0xC2) {
        return 0;
    }
    if (lead < 0xE0) {
        return 2;
    }
    if (lead < 0xF0) {
        return 3;
    }
    return lead < 0xF5 ? 4 : 0;
}

// Returns the offset of the first byte that does not start a valid UTF-8 sequence (overlong
// forms, surrogates and code points past U+10FFFF included), or text.size() when there is none.
size_t FindInvalidUtf8(std::string_view text) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    size_t i = 0;
    while (i < text.size()) {
        size_t length = SequenceLength(byte(i));
        if (length == 0 || text.size() - i < length) {
            return i;
        }
        for (size_t k = 1; k < length; ++k) {
            if (!IsContinuation(byte(i + k))) {
                return i;
            }
        }
        if (length > 1) {
            unsigned char lead = byte(i);
            unsigned char second = byte(i + 1);
            bool overlong = (lead == 0xE0 && second < 0xA0) || (lead == 0xF0 && second < 0x90);
            bool surrogate = lead == 0xED && second >= 0xA0;
            bool too_large = lead == 0xF4 && second >= 0x90;
            if (overlong || surrogate || too_large) {
                return i;
            }
        }
        i += length;
    }
    return text.size();
}

ParseResult ErrorResult(Diagnostic diagnostic) {
    ParseResult result;
    result.error = std::move(diagnostic);
    return result;
}

}  // namespace

ParseResult ParseQuery(std::string_view text) {
    // Offsets are 32-bit throughout the AST and the diagnostics.
    if (text.size() >= std::numeric_limits<uint32_t>::max()) {
        Diagnostic diagnostic;
        diagnostic.code = code::kQueryTooLong;
        diagnostic.message = "the query is too long: it must be under 4 GiB";
        return ErrorResult(std::move(diagnostic));
    }

    // Positions count code points, and findings are printed as JSON, so the text must be valid
    // UTF-8.
    size_t invalid = FindInvalidUtf8(text);
    if (invalid < text.size()) {
        Diagnostic diagnostic;
        diagnostic.code = code::kInvalidUtf8;
        diagnostic.offset = static_cast<uint32_t>(invalid);
        diagnostic.message = "invalid UTF-8 in the query";
        return ErrorResult(std::move(diagnostic));
    }

    detail::Builder builder(text);
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "query");
    try {
        if (!pegtl::parse<statement, detail::action, control>(in, builder)) {
            // The statement ends in must<> points, so this is not expected to happen.
            Diagnostic diagnostic;
            diagnostic.code = code::kSyntax;
            diagnostic.message = "the query could not be parsed";
            return ErrorResult(std::move(diagnostic));
        }
    } catch (const pegtl::parse_error& error) {
        return ErrorResult(SyntaxDiagnostic(text, error));
    } catch (const detail::FatalDiagnostic& fatal) {
        return ErrorResult(fatal.diagnostic);
    }

    if (!builder.issues.empty()) {
        return ErrorResult(std::move(builder.issues.front()));
    }
    ParseResult result;
    result.query = std::move(builder.query);
    return result;
}

}  // namespace eql::grammar
