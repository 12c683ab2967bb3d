// Decoding of string and number tokens, with Elasticsearch's builder rules for strings: the
// rejected quote forms, and `\u{...}` escapes of 2 to 8 hex digits naming a code point that is
// neither a surrogate nor above U+10FFFF. Entry points: DecodeString and ParseNumber.
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "grammar/builder_checks.hpp"
#include "grammar/errors.hpp"

namespace eql::grammar::detail {
namespace {

void AppendUtf8(std::string& out, uint32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// Decodes `\u{hex}`, where `hex` is what lies between the braces and `span` the whole escape.
// Records Elasticsearch's message for a bad length or code point and appends nothing then.
void DecodeUnicodeEscape(Builder& builder, std::string_view hex, ast::Span span,
                         std::string& out) {
    const std::string_view escape = builder.TextOf(span);
    if (hex.size() < 2 || hex.size() > 8) {
        builder.AddIssue(code::kInvalidUnicodeEscape,
                         fmt::format("Unicode sequence should use [2-8] hex digits, [{}] has [{}]",
                                     escape, hex.size()),
                         span);
        return;
    }

    // Elasticsearch parses the digits as a signed 32-bit integer, so 8 digits above 7FFFFFFF
    // are invalid as well as anything above U+10FFFF.
    uint32_t code_point = 0;
    std::from_chars(hex.data(), hex.data() + hex.size(), code_point, 16);
    if (code_point >= 0xD800 && code_point <= 0xDFFF) {
        builder.AddIssue(
            code::kInvalidUnicodeEscape,
            fmt::format("Invalid unicode character code, [{}] is a surrogate code", hex), span);
        return;
    }
    if (code_point > 0x10FFFF) {
        builder.AddIssue(code::kInvalidUnicodeEscape,
                         fmt::format("Invalid unicode character code [{}]", hex), span);
        return;
    }
    AppendUtf8(out, code_point);
}

char EscapedChar(char code) {
    switch (code) {
        case 'b': return '\b';
        case 't': return '\t';
        case 'n': return '\n';
        case 'f': return '\f';
        case 'r': return '\r';
        default: return code;  // '"', '\'' and '\\' stand for themselves
    }
}

// Decodes the body of a quoted string, the quotes excluded; `base` is the body's offset. The
// grammar has already rejected every escape other than the ones handled here.
std::string DecodeEscapes(Builder& builder, std::string_view body, uint32_t base) {
    std::string out;
    out.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
        const size_t backslash = body.find('\\', i);
        if (backslash == std::string_view::npos || backslash + 1 >= body.size()) {
            out.append(body.substr(i));
            break;
        }
        out.append(body.substr(i, backslash - i));
        i = backslash;
        const char code = body[i + 1];
        if (code != 'u') {
            out += EscapedChar(code);
            ++i;
            continue;
        }
        const size_t close = body.find('}', i);
        const size_t end = close == std::string_view::npos ? body.size() : close + 1;
        const std::string_view hex = body.substr(i + 3, end - 1 - (i + 3));
        const ast::Span span{base + static_cast<uint32_t>(i), base + static_cast<uint32_t>(end)};
        DecodeUnicodeEscape(builder, hex, span, out);
        i = end - 1;
    }
    return out;
}

// A power-of-ten estimate of a decimal token, used only when from_chars reports it out of range.
bool IsHugeDecimal(std::string_view token) {
    const size_t exponent_at = token.find_first_of("eE");
    const std::string_view mantissa = token.substr(0, exponent_at);
    long magnitude = 0;
    const size_t dot = mantissa.find('.');
    const size_t integer_digits = dot == std::string_view::npos ? mantissa.size() : dot;
    const size_t first_nonzero = mantissa.find_first_of("123456789");
    if (first_nonzero != std::string_view::npos) {
        magnitude = static_cast<long>(integer_digits) - static_cast<long>(first_nonzero);
    }
    if (exponent_at != std::string_view::npos) {
        long exponent = 0;
        std::string_view digits = token.substr(exponent_at + 1);
        const bool negative = !digits.empty() && digits.front() == '-';
        if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
            digits.remove_prefix(1);
        }
        const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
        if (parsed.ec == std::errc::result_out_of_range) {
            exponent = std::numeric_limits<int>::max();
        }
        magnitude += negative ? -exponent : exponent;
    }
    return magnitude > 0;
}

double ParseDouble(std::string_view token) {
    double value = 0;
    const auto parsed = std::from_chars(token.data(), token.data() + token.size(), value);
    if (parsed.ec == std::errc::result_out_of_range) {
        // Java's Double.parseDouble gives infinity or zero here, and so do we.
        return IsHugeDecimal(token) ? std::numeric_limits<double>::infinity() : 0.0;
    }
    return value;
}

}  // namespace

std::string DecodeString(Builder& builder, ast::Span span) {
    const std::string_view token = builder.TextOf(span);

    if (token.size() >= 2 && token.front() == '?') {
        builder.AddIssue(code::kQuestionMarkString,
                         fmt::format("Use triple double quotes [\"\"\"] to define unescaped string "
                                     "literals, not [?{}]",
                                     token[1]),
                         span);
        return std::string(token.substr(2, token.size() - 3));
    }
    if (token.size() >= 6 && token.substr(0, 3) == "\"\"\"") {
        return std::string(token.substr(3, token.size() - 6));
    }
    if (token.front() == '\'') {
        builder.AddIssue(code::kSingleQuotedString,
                         "Use double quotes [\"] to define string literals, not single quotes [']",
                         span);
    }
    return DecodeEscapes(builder, token.substr(1, token.size() - 2), span.begin + 1);
}

NumberValue ParseNumber(std::string_view token) {
    NumberValue number;
    if (token.find_first_of(".eE") != std::string_view::npos) {
        number.literal = ParseDouble(token);
        return number;
    }

    uint64_t value = 0;
    const auto parsed = std::from_chars(token.data(), token.data() + token.size(), value);
    constexpr uint64_t kInt64Max = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (parsed.ec == std::errc() && value <= kInt64Max) {
        number.literal = static_cast<int64_t>(value);
        return number;
    }

    // Known gap: integers above INT64_MAX become doubles, while recent Elasticsearch versions
    // keep values up to 2^64-1 exact as unsigned longs; such literals lose precision here.
    number.literal = ParseDouble(token);
    number.int64_min_magnitude = parsed.ec == std::errc() && value == kInt64Max + 1;
    return number;
}

}  // namespace eql::grammar::detail
