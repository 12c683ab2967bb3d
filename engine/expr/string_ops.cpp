// ASCII folding, UTF-16 index arithmetic and Java number text, used by every string operator
// and function in engine/expr.
#include "engine/expr/string_ops.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace eql::expr {

Scalar ToScalar(const Value& value) {
    switch (value.index()) {
        case 1: return Scalar::Bool(std::get<bool>(value));
        case 2: return Scalar::Long(std::get<int64_t>(value));
        case 3: return Scalar::Double(std::get<double>(value));
        case 4: return Scalar::String(std::get<std::string>(value));
        default: return Scalar::Null();
    }
}

Value ToValue(const Scalar& scalar) {
    switch (scalar.kind) {
        case Scalar::Kind::kBool: return scalar.boolean;
        case Scalar::Kind::kLong: return scalar.integer;
        case Scalar::Kind::kDouble: return scalar.real;
        case Scalar::Kind::kString: return std::string(scalar.text);
        default: return std::monostate{};
    }
}

std::string FoldAsciiCopy(std::string_view text) {
    std::string folded(text);
    for (char& c : folded) {
        c = FoldAscii(c);
    }
    return folded;
}

bool EqualsFolded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        if (FoldAscii(a[i]) != FoldAscii(b[i])) {
            return false;
        }
    }
    return true;
}

bool StartsWith(std::string_view text, std::string_view prefix, bool fold) {
    if (prefix.size() > text.size()) {
        return false;
    }
    std::string_view head = text.substr(0, prefix.size());
    return fold ? EqualsFolded(head, prefix) : head == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix, bool fold) {
    if (suffix.size() > text.size()) {
        return false;
    }
    std::string_view tail = text.substr(text.size() - suffix.size());
    return fold ? EqualsFolded(tail, suffix) : tail == suffix;
}

size_t Find(std::string_view text, std::string_view needle, size_t from, bool fold) {
    if (!fold) {
        return text.find(needle, from);
    }
    if (from > text.size() || needle.size() > text.size() - from) {
        return std::string_view::npos;
    }
    if (needle.empty()) {
        return from;
    }

    // Find the next start with the first byte in either case by memchr, keeping the next
    // position of each case, then compare the rest folded.
    char lower = FoldAscii(needle[0]);
    char upper = lower >= 'a' && lower <= 'z' ? static_cast<char>(lower - 'a' + 'A') : lower;
    const char* begin = text.data();
    const char* starts_end = begin + (text.size() - needle.size()) + 1;  // past the last start
    auto next = [starts_end](char byte, const char* from) {
        const void* found = std::memchr(from, byte, static_cast<size_t>(starts_end - from));
        return found == nullptr ? starts_end : static_cast<const char*>(found);
    };
    const char* next_lower = next(lower, begin + from);
    const char* next_upper = upper == lower ? starts_end : next(upper, begin + from);
    while (true) {
        const char* start = std::min(next_lower, next_upper);
        if (start == starts_end) {
            return std::string_view::npos;
        }
        if (EqualsFolded(std::string_view(start, needle.size()), needle)) {
            return static_cast<size_t>(start - begin);
        }
        if (start == next_lower) {
            next_lower = next(lower, start + 1);
        } else {
            next_upper = next(upper, start + 1);
        }
    }
}

size_t FindLast(std::string_view text, std::string_view needle, bool fold) {
    if (!fold) {
        return text.rfind(needle);
    }
    if (needle.size() > text.size()) {
        return std::string_view::npos;
    }
    for (size_t i = text.size() - needle.size() + 1; i-- > 0;) {
        if (EqualsFolded(text.substr(i, needle.size()), needle)) {
            return i;
        }
    }
    return std::string_view::npos;
}

namespace {

// Length in bytes of the UTF-8 sequence starting with `lead`; invalid leads count as one byte.
size_t SequenceLength(unsigned char lead) {
    if (lead < 0xC0) {
        return 1;
    }
    if (lead < 0xE0) {
        return 2;
    }
    if (lead < 0xF0) {
        return 3;
    }
    return 4;
}

}  // namespace

int64_t Utf16Length(std::string_view text) {
    int64_t units = 0;
    for (size_t i = 0; i < text.size();) {
        size_t length = SequenceLength(static_cast<unsigned char>(text[i]));
        units += length == 4 ? 2 : 1;
        i += length;
    }
    return units;
}

size_t Utf16ToByte(std::string_view text, int64_t units) {
    if (units <= 0) {
        return 0;
    }
    int64_t seen = 0;
    size_t i = 0;
    while (i < text.size()) {
        size_t length = SequenceLength(static_cast<unsigned char>(text[i]));
        int64_t width = length == 4 ? 2 : 1;
        if (seen + width > units) {
            return i;
        }
        seen += width;
        i += length;
        if (seen == units) {
            return std::min(i, text.size());
        }
    }
    return text.size();
}

int64_t ByteToUtf16(std::string_view text, size_t byte) {
    return Utf16Length(text.substr(0, std::min(byte, text.size())));
}

std::string JavaDoubleText(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
        return std::signbit(value) ? "-0.0" : "0.0";
    }

    // Shortest round-trip digits, then laid out as Java does: plain notation for magnitudes in
    // [1e-3, 1e7), otherwise d.dddE±n, always with at least one fractional digit.
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(value),
                                std::chars_format::scientific);
    std::string_view sci(buffer, size_t(result.ptr - buffer));
    size_t e_pos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e_pos)) {
        if (c != '.') {
            digits.push_back(c);
        }
    }
    int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());

    std::string text = value < 0 ? "-" : "";
    double magnitude = std::fabs(value);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
        if (exponent >= 0) {
            size_t int_digits = size_t(exponent) + 1;
            while (digits.size() < int_digits) {
                digits.push_back('0');
            }
            text += digits.substr(0, int_digits);
            std::string fraction = digits.substr(int_digits);
            text += "." + (fraction.empty() ? std::string("0") : fraction);
        } else {
            text += "0." + std::string(size_t(-exponent - 1), '0') + digits;
        }
        return text;
    }
    text += digits.substr(0, 1);
    text += "." + (digits.size() > 1 ? digits.substr(1) : std::string("0"));
    text += "E" + std::to_string(exponent);
    return text;
}

std::string_view ScalarText::Of(const Scalar& value) {
    switch (value.kind) {
        case Scalar::Kind::kString: return value.text;
        case Scalar::Kind::kBool: return value.boolean ? "true" : "false";
        case Scalar::Kind::kLong: {
            buffer_.resize(24);
            auto result = std::to_chars(buffer_.data(), buffer_.data() + buffer_.size(),
                                        value.integer);
            buffer_.resize(size_t(result.ptr - buffer_.data()));
            return buffer_;
        }
        case Scalar::Kind::kDouble: buffer_ = JavaDoubleText(value.real); return buffer_;
        default: return {};
    }
}

namespace {

bool IsJavaSpace(char c) { return static_cast<unsigned char>(c) <= ' '; }

std::optional<int64_t> ParseJavaLong(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::string_view digits = text;
    if (digits[0] == '+') {
        digits.remove_prefix(1);
        if (digits.empty() || digits[0] == '-' || digits[0] == '+') {
            return std::nullopt;
        }
    }
    int64_t value = 0;
    auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc() || result.ptr != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return value;
}

// Known gap: Java's hexadecimal floating-point literals ("0x1.8p1") are not read, so
// number() gives null for them.
// Double.valueOf without hexadecimal floating-point literals: optional sign, "NaN",
// "Infinity", or decimal digits with optional fraction and exponent, and an optional
// trailing f/F/d/D type suffix.
std::optional<double> ParseJavaDouble(std::string_view text) {
    while (!text.empty() && IsJavaSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && IsJavaSpace(text.back())) {
        text.remove_suffix(1);
    }
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text == "NaN") {
        return std::nan("");
    }
    if (text == "Infinity") {
        return negative ? -INFINITY : INFINITY;
    }
    if (!text.empty() && std::strchr("fFdD", text.back()) != nullptr) {
        text.remove_suffix(1);
    }
    if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '.')) {
        return std::nullopt;
    }
    double value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value,
                                  std::chars_format::general);
    if (result.ec == std::errc::result_out_of_range) {
        value = std::strtod(std::string(text).c_str(), nullptr);
    } else if (result.ec != std::errc() || result.ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return negative ? -value : value;
}

}  // namespace

std::optional<Scalar> ParseJavaNumber(std::string_view text) {
    if (auto integer = ParseJavaLong(text)) {
        return Scalar::Long(*integer);
    }
    if (auto real = ParseJavaDouble(text)) {
        return Scalar::Double(*real);
    }
    return std::nullopt;
}

std::optional<int64_t> ParseLongRadix(std::string_view text, int64_t radix) {
    if (radix < 2 || radix > 36 || text.empty()) {
        return std::nullopt;
    }
    bool negative = false;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        text.remove_prefix(1);
        if (text.empty()) {
            return std::nullopt;
        }
    }

    // Accumulate as a negative number, as Java does, so that Long.MIN_VALUE parses.
    int64_t limit = negative ? INT64_MIN : -INT64_MAX;
    int64_t value = 0;
    for (char c : text) {
        int digit = -1;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            digit = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            digit = c - 'A' + 10;
        }
        if (digit < 0 || digit >= radix) {
            return std::nullopt;
        }
        if (value < limit / radix) {
            return std::nullopt;
        }
        value *= radix;
        if (value < limit + digit) {
            return std::nullopt;
        }
        value -= digit;
    }
    return negative ? value : -value;
}

}  // namespace eql::expr
