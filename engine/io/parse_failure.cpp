// The error path of the event reader: locating invalid UTF-8, classifying number tokens that
// simdjson rejects (and rewriting too-large integers so they parse as doubles), and quoting
// values for skip messages.
#include "engine/io/parse_failure.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace eql::detail {

namespace {

constexpr size_t kQuotedBytes = 64;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsNumberChar(char c) {
    return IsDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Returns the length of the valid UTF-8 sequence at text[i], or 0 when it is invalid.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    size_t remaining = text.size() - i;
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        return remaining >= 2 && IsContinuation(byte(i + 1)) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (remaining < 3 || !IsContinuation(byte(i + 1)) || !IsContinuation(byte(i + 2))) {
            return 0;
        }
        bool overlong = lead == 0xE0 && byte(i + 1) < 0xA0;
        bool surrogate = lead == 0xED && byte(i + 1) >= 0xA0;
        return overlong || surrogate ? 0 : 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (remaining < 4 || !IsContinuation(byte(i + 1)) || !IsContinuation(byte(i + 2)) ||
            !IsContinuation(byte(i + 3))) {
            return 0;
        }
        bool overlong = lead == 0xF0 && byte(i + 1) < 0x90;
        bool too_large = lead == 0xF4 && byte(i + 1) >= 0x90;
        return overlong || too_large ? 0 : 4;
    }
    return 0;
}

// Whether digits (no sign, no leading zero) exceed the decimal `limit` of the same kind.
bool ExceedsLimit(std::string_view digits, std::string_view limit) {
    if (digits.size() != limit.size()) {
        return digits.size() > limit.size();
    }
    return digits > limit;
}

enum class TokenKind { kMalformed, kInteger, kDecimal };

// Checks a token against the JSON number grammar.
TokenKind ClassifyToken(std::string_view token) {
    size_t p = 0;
    size_t n = token.size();
    p += token[0] == '-' ? 1 : 0;
    if (p == n || !IsDigit(token[p])) {
        return TokenKind::kMalformed;
    }
    if (token[p] == '0') {
        ++p;
    } else {
        while (p < n && IsDigit(token[p])) {
            ++p;
        }
    }
    bool integer = true;
    if (p < n && token[p] == '.') {
        integer = false;
        size_t start = ++p;
        while (p < n && IsDigit(token[p])) {
            ++p;
        }
        if (p == start) {
            return TokenKind::kMalformed;
        }
    }
    if (p < n && (token[p] == 'e' || token[p] == 'E')) {
        integer = false;
        ++p;
        p += p < n && (token[p] == '+' || token[p] == '-') ? 1 : 0;
        size_t start = p;
        while (p < n && IsDigit(token[p])) {
            ++p;
        }
        if (p == start) {
            return TokenKind::kMalformed;
        }
    }
    if (p != n) {
        return TokenKind::kMalformed;
    }
    return integer ? TokenKind::kInteger : TokenKind::kDecimal;
}

bool IntegerFits(std::string_view token) {
    if (token[0] == '-') {
        return !ExceedsLimit(token.substr(1), "9223372036854775808");
    }
    return !ExceedsLimit(token, "18446744073709551615");
}

bool DecimalOverflows(std::string_view token) {
    std::string copy(token);
    errno = 0;
    double value = std::strtod(copy.c_str(), nullptr);
    return std::isinf(value);
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        size_t length = Utf8SequenceLength(text, i);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return text.size();
}

NumberScan ScanNumbers(std::string_view text) {
    NumberScan scan;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '"') {
            // Skip the string, escapes included.
            ++i;
            while (i < text.size() && text[i] != '"') {
                i += text[i] == '\\' ? 2 : 1;
            }
            ++i;
            continue;
        }
        if (!IsDigit(c) && c != '-') {
            ++i;
            continue;
        }

        size_t start = i;
        while (i < text.size() && IsNumberChar(text[i])) {
            ++i;
        }
        std::string_view token = text.substr(start, i - start);
        TokenKind kind = ClassifyToken(token);
        if (kind == TokenKind::kMalformed) {
            scan.problem = NumberScan::Problem::kMalformed;
            scan.token = token;
            return scan;
        }
        if (kind == TokenKind::kInteger && IntegerFits(token)) {
            continue;
        }
        // An integer past 64 bits is read as a double, which has a range too.
        if (scan.problem == NumberScan::Problem::kNone && DecimalOverflows(token)) {
            scan.problem = NumberScan::Problem::kOutOfRange;
            scan.token = token;
        } else if (kind == TokenKind::kInteger) {
            scan.big_integer_ends.push_back(i);
        }
    }
    return scan;
}

size_t RewriteBigIntegers(std::string_view text, const std::vector<size_t>& ends,
                          size_t padding, std::string* out) {
    out->clear();
    size_t copied = 0;
    for (size_t end : ends) {
        out->append(text.substr(copied, end - copied));
        out->append(".0");
        copied = end;
    }
    out->append(text.substr(copied));
    size_t length = out->size();
    out->append(padding, ' ');
    return length;
}

std::string DescribeJsonError(std::string_view simdjson_message) {
    std::string message(simdjson_message);
    if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z') {
        message[0] = static_cast<char>(message[0] - 'A' + 'a');
    }
    while (!message.empty() && message.back() == '.') {
        message.pop_back();
    }
    return message;
}

std::string ShowNumberToken(std::string_view token) {
    if (token.size() <= kQuotedBytes) {
        return std::string(token);
    }
    return std::string(token.substr(0, kQuotedBytes)) + "...";
}

std::string QuoteForMessage(std::string_view text) {
    bool cut = text.size() > kQuotedBytes;
    if (cut) {
        size_t end = kQuotedBytes;
        while (end > 0 && IsContinuation(static_cast<unsigned char>(text[end]))) {
            --end;
        }
        text = text.substr(0, end);
    }

    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            quoted += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            quoted += c;
        }
    }
    quoted += cut ? "...\"" : "\"";
    return quoted;
}

}  // namespace eql::detail
