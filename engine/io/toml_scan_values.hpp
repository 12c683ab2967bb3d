// The value-level half of the fast rule-file scanner: a cursor over the TOML text, and the
// scanners for comments, strings, quoted keys and bare scalars (booleans, decimal integers,
// floats, dates). Each Scan* function returns false when the text at the cursor is invalid
// or outside the subset the scanner is sure of. The caller then gives the file to toml++.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace eql::detail {

class TomlCursor {
public:
    explicit TomlCursor(std::string_view text) : text_(text) {}

    size_t position() const { return position_; }
    bool AtEnd() const { return position_ >= text_.size(); }

    // Returns the byte `ahead` bytes past the cursor, or '\0' past the end. The scanner
    // rejects a NUL byte wherever one appears, so code that accepts '\0' checks AtEnd().
    char Peek(size_t ahead = 0) const {
        size_t at = position_ + ahead;
        return at < text_.size() ? text_[at] : '\0';
    }
    bool StartsWith(std::string_view prefix) const {
        return text_.substr(std::min(position_, text_.size())).starts_with(prefix);
    }
    void Advance(size_t count = 1) { position_ += count; }
    std::string_view Slice(size_t begin, size_t end) const {
        return text_.substr(begin, end - begin);
    }

    // Moves past every byte whose class (see toml_scan_values.cpp) has a bit of `mask`.
    void SkipClass(uint8_t mask);

    // Moves past spaces and tabs.
    void SkipSpaces() {
        while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\t')) {
            ++position_;
        }
    }

private:
    std::string_view text_;
    size_t position_ = 0;
};

// Character classes for TomlCursor::SkipClass.
inline constexpr uint8_t kPlainBasic = 1;       // verbatim in a one-line basic string
inline constexpr uint8_t kPlainLiteral = 2;     // verbatim in a one-line literal string
inline constexpr uint8_t kPlainComment = 4;     // verbatim in a comment
inline constexpr uint8_t kBareKey = 8;          // A-Z a-z 0-9 _ -
inline constexpr uint8_t kScalarToken = 16;     // the bytes of booleans, numbers and dates
inline constexpr uint8_t kNewline = 32;         // '\n', added to the plain classes of
                                                // multi-line strings

// Moves past a comment, from '#' up to (not including) the newline.
bool ScanComment(TomlCursor& cursor);

// Moves past a basic, literal, multi-line basic or multi-line literal string that starts at
// the cursor. When `value` is not null, stores the string's value there, as TOML defines it
// (escapes decoded, the newline after an opening triple quote trimmed, line-ending
// backslashes applied).
bool ScanString(TomlCursor& cursor, std::string* value);

// Moves past a quoted key without escapes and stores its name, the text between the quotes.
// A key of a basic string with an escape, and an empty key, are left to toml++.
bool ScanQuotedKey(TomlCursor& cursor, std::string_view* name);

// Moves past a boolean, a decimal integer that fits in 64 bits, a float, an offset or local
// date-time, or a local date. Other bare values (hexadecimal, inf, nan, a local time, a
// date-time with a space or in lower case) are left to toml++.
bool ScanBareScalar(TomlCursor& cursor);

}  // namespace eql::detail
