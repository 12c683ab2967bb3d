// Text helpers shared by the operators and the functions: ASCII case folding (the only folding
// Elasticsearch's query path applies), UTF-16 positions (Java string indexes), and Java's
// formatting and parsing of numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/expr/scalar.hpp"

namespace eql::expr {

// Known gap: Elasticsearch's script path folds with Java's toLowerCase, which covers all of
// Unicode; here `~` operators and `:` fold ASCII letters only, so "À" never equals "à".
inline char FoldAscii(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

std::string FoldAsciiCopy(std::string_view text);
bool EqualsFolded(std::string_view a, std::string_view b);
bool StartsWith(std::string_view text, std::string_view prefix, bool fold);
bool EndsWith(std::string_view text, std::string_view suffix, bool fold);
// Byte offset of the first `needle` at or after `from`, or npos.
size_t Find(std::string_view text, std::string_view needle, size_t from, bool fold);
// Byte offset of the last `needle`, or npos.
size_t FindLast(std::string_view text, std::string_view needle, bool fold);

// Number of UTF-16 code units of UTF-8 `text`, as Java's String.length() counts them.
int64_t Utf16Length(std::string_view text);
// Byte offset of UTF-16 position `units`, clamped to [0, size].
// Known gap: Java can split a surrogate pair; UTF-8 cannot, so a position inside a pair snaps
// to the start of its code point and substring() keeps the whole character out.
size_t Utf16ToByte(std::string_view text, int64_t units);
// UTF-16 position of byte offset `byte`, which must be a code point boundary.
int64_t ByteToUtf16(std::string_view text, size_t byte);

// Java's Double.toString: "42.0", "1.0E10", "1.5E-4", "NaN", "Infinity".
std::string JavaDoubleText(double value);

// Text of a number or boolean for string operations, in a small inline buffer.
class ScalarText {
public:
    // Returns the text of `value` (strings unchanged, numbers as Java prints them, booleans as
    // true/false); empty for null. The view is valid while both this object and `value` live.
    std::string_view Of(const Scalar& value);

private:
    std::string buffer_;
};

// Parses decimal text the way Elasticsearch's number() does: Long.valueOf, then Double.valueOf
// (which tolerates surrounding whitespace). Nothing when neither accepts the text.
std::optional<Scalar> ParseJavaNumber(std::string_view text);
// Long.parseLong(text, radix); nothing on failure or a radix outside [2, 36].
std::optional<int64_t> ParseLongRadix(std::string_view text, int64_t radix);

}  // namespace eql::expr
