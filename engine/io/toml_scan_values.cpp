// Values for the fast rule-file scanner: comments, the four kinds of strings, quoted keys and
// bare scalars, checked as strictly as toml++ 3.3 checks them or more strictly. The entry
// points are ScanComment, ScanString, ScanQuotedKey and ScanBareScalar.
#include "engine/io/toml_scan_values.hpp"

#include <algorithm>
#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace eql::detail {
namespace {

constexpr std::array<uint8_t, 256> MakeClasses() {
    std::array<uint8_t, 256> classes{};
    for (int byte = 0x20; byte < 0x7F; ++byte) {
        classes[byte] = kPlainComment;
        if (byte != '"' && byte != '\\') {
            classes[byte] |= kPlainBasic;
        }
        if (byte != '\'') {
            classes[byte] |= kPlainLiteral;
        }
        bool letter = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z');
        bool digit = byte >= '0' && byte <= '9';
        if (letter || digit || byte == '_' || byte == '-') {
            classes[byte] |= kBareKey | kScalarToken;
        }
        if (byte == '+' || byte == '.' || byte == ':') {
            classes[byte] |= kScalarToken;
        }
    }
    classes['\t'] = kPlainBasic | kPlainLiteral | kPlainComment;
    classes['\n'] = kNewline;
    return classes;
}

constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

bool IsContinuation(char byte, unsigned low = 0x80, unsigned high = 0xBF) {
    auto value = static_cast<unsigned char>(byte);
    return value >= low && value <= high;
}

// Moves past one UTF-8 sequence of two to four bytes, rejecting what toml++ rejects as invalid
// UTF-8: overlong forms, surrogates, code points above U+10FFFF and truncated sequences.
bool SkipUtf8Sequence(TomlCursor& cursor, std::string* value) {
    auto lead = static_cast<unsigned char>(cursor.Peek());
    size_t length = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = IsContinuation(cursor.Peek(1)) ? 2 : 0;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
        unsigned high = lead == 0xED ? 0x9F : 0xBF;
        bool valid = IsContinuation(cursor.Peek(1), low, high) && IsContinuation(cursor.Peek(2));
        length = valid ? 3 : 0;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        unsigned low = lead == 0xF0 ? 0x90 : 0x80;
        unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
        bool valid = IsContinuation(cursor.Peek(1), low, high) &&
                     IsContinuation(cursor.Peek(2)) && IsContinuation(cursor.Peek(3));
        length = valid ? 4 : 0;
    }
    if (length == 0) {
        return false;
    }
    if (value != nullptr) {
        value->append(cursor.Slice(cursor.position(), cursor.position() + length));
    }
    cursor.Advance(length);
    return true;
}

bool IsNonAscii(char byte) {
    return static_cast<unsigned char>(byte) >= 0x80;
}

void AppendUtf8(uint32_t code_point, std::string* value) {
    if (code_point < 0x80) {
        value->push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        value->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        value->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
        value->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        value->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        value->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
        value->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
        value->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
        value->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        value->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
}

int HexDigitValue(char digit) {
    if (digit >= '0' && digit <= '9') {
        return digit - '0';
    }
    if (digit >= 'a' && digit <= 'f') {
        return digit - 'a' + 10;
    }
    if (digit >= 'A' && digit <= 'F') {
        return digit - 'A' + 10;
    }
    return -1;
}

// Moves past `\uXXXX` or `\UXXXXXXXX`, a Unicode scalar value (no surrogate, at most
// U+10FFFF).
bool ScanUnicodeEscape(TomlCursor& cursor, size_t digits, std::string* value) {
    uint32_t code_point = 0;
    for (size_t i = 0; i < digits; ++i) {
        int digit = HexDigitValue(cursor.Peek(2 + i));
        if (digit < 0) {
            return false;
        }
        code_point = code_point * 16 + static_cast<uint32_t>(digit);
    }
    if ((code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
        return false;
    }
    if (value != nullptr) {
        AppendUtf8(code_point, value);
    }
    cursor.Advance(2 + digits);
    return true;
}

// Moves past an escape sequence of TOML 1.0; `\e` and `\xHH` belong to a later TOML.
bool ScanEscape(TomlCursor& cursor, std::string* value) {
    char kind = cursor.Peek(1);
    if (kind == 'u' || kind == 'U') {
        return ScanUnicodeEscape(cursor, kind == 'u' ? 4 : 8, value);
    }
    char decoded = 0;
    switch (kind) {
        case 'b': decoded = '\b'; break;
        case 't': decoded = '\t'; break;
        case 'n': decoded = '\n'; break;
        case 'f': decoded = '\f'; break;
        case 'r': decoded = '\r'; break;
        case '"': decoded = '"'; break;
        case '\\': decoded = '\\'; break;
        default: return false;
    }
    if (value != nullptr) {
        value->push_back(decoded);
    }
    cursor.Advance(2);
    return true;
}

// Moves past a line-ending backslash of a multi-line basic string: the backslash, spaces and
// tabs, the newline, and every space, tab and newline after it. toml++ also trims non-ASCII
// horizontal whitespace there, which TOML does not, so a non-ASCII byte that follows is left
// to toml++.
bool ScanLineEndingBackslash(TomlCursor& cursor) {
    cursor.Advance(1);
    cursor.SkipSpaces();
    if (cursor.Peek() != '\n') {
        return false;
    }
    while (cursor.Peek() == ' ' || cursor.Peek() == '\t' || cursor.Peek() == '\n') {
        cursor.Advance(1);
    }
    return !IsNonAscii(cursor.Peek());
}

void AppendSlice(const TomlCursor& cursor, size_t begin, std::string* value) {
    if (value != nullptr) {
        value->append(cursor.Slice(begin, cursor.position()));
    }
}

// A closing delimiter directly followed by a third or fourth quote puts those quotes into the
// string; that rare form is left to toml++.
bool ScanMultiLineBasic(TomlCursor& cursor, std::string* value) {
    cursor.Advance(3);
    if (cursor.Peek() == '\n') {
        cursor.Advance(1);
    }
    for (;;) {
        size_t run = cursor.position();
        cursor.SkipClass(kPlainBasic | kNewline);
        AppendSlice(cursor, run, value);

        char next = cursor.Peek();
        if (cursor.StartsWith("\"\"\"")) {
            cursor.Advance(3);
            return cursor.Peek() != '"';
        }
        if (next == '"') {
            if (value != nullptr) {
                value->push_back('"');
            }
            cursor.Advance(1);
        } else if (next == '\\') {
            char after = cursor.Peek(1);
            bool line_ending = after == ' ' || after == '\t' || after == '\n';
            if (!(line_ending ? ScanLineEndingBackslash(cursor) : ScanEscape(cursor, value))) {
                return false;
            }
        } else if (!IsNonAscii(next) || !SkipUtf8Sequence(cursor, value)) {
            return false;  // a control character, a carriage return, or the end of the text
        }
    }
}

bool ScanBasic(TomlCursor& cursor, std::string* value) {
    cursor.Advance(1);
    for (;;) {
        size_t run = cursor.position();
        cursor.SkipClass(kPlainBasic);
        AppendSlice(cursor, run, value);

        char next = cursor.Peek();
        if (next == '"') {
            cursor.Advance(1);
            return true;
        }
        if (next == '\\') {
            if (!ScanEscape(cursor, value)) {
                return false;
            }
        } else if (!IsNonAscii(next) || !SkipUtf8Sequence(cursor, value)) {
            return false;
        }
    }
}

// Moves past literal text up to its closing delimiter (`'` or `'''`) and stores the text.
bool ScanLiteral(TomlCursor& cursor, bool multi_line, std::string* value) {
    cursor.Advance(multi_line ? 3 : 1);
    if (multi_line && cursor.Peek() == '\n') {
        cursor.Advance(1);
    }
    size_t begin = cursor.position();
    uint8_t plain = multi_line ? (kPlainLiteral | kNewline) : kPlainLiteral;
    for (;;) {
        cursor.SkipClass(plain);
        char next = cursor.Peek();
        if (next == '\'') {
            size_t end = cursor.position();
            if (!multi_line || cursor.StartsWith("'''")) {
                cursor.Advance(multi_line ? 3 : 1);
                if (value != nullptr) {
                    value->assign(cursor.Slice(begin, end));
                }
                return !multi_line || cursor.Peek() != '\'';
            }
            cursor.Advance(1);
        } else if (!IsNonAscii(next) || !SkipUtf8Sequence(cursor, nullptr)) {
            return false;
        }
    }
}

}  // namespace

#if defined(__SSE2__)
// Returns the offset of the first byte, at or after `position`, that the verbatim class `mask`
// (a string's or a comment's) excludes. Those bytes are control characters other than tab
// (and newline, with kNewline), DEL, non-ASCII bytes, and the class's quote and backslash.
// Whole blocks of 16 bytes are tested, so the scan stops before a last partial block, which
// the caller scans byte by byte.
size_t SkipVerbatimBlocks(const char* data, size_t size, size_t position, uint8_t mask) {
    // A NUL byte stops at the control check anyway, so it serves as "no such character".
    char quote = (mask & kPlainBasic) != 0 ? '"' : (mask & kPlainLiteral) != 0 ? '\'' : '\0';
    char backslash = (mask & kPlainBasic) != 0 ? '\\' : '\0';
    char newline = (mask & kNewline) != 0 ? '\n' : '\t';
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i del = _mm_set1_epi8(0x7F);
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i allowed_newline = _mm_set1_epi8(newline);
    const __m128i quote_byte = _mm_set1_epi8(quote);
    const __m128i backslash_byte = _mm_set1_epi8(backslash);
    for (; position + 16 <= size; position += 16) {
        __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + position));
        // Signed compare: bytes below 0x20 and bytes from 0x80 up (negative) are both caught.
        __m128i control = _mm_cmplt_epi8(block, space);
        __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(block, tab),
                                       _mm_cmpeq_epi8(block, allowed_newline));
        __m128i stop = _mm_andnot_si128(allowed, control);
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(block, del));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(block, quote_byte));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(block, backslash_byte));
        int bits = _mm_movemask_epi8(stop);
        if (bits != 0) {
            return position + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
        }
    }
    return position;
}
#endif

// The loop works on local copies: the text is read through a char pointer, which may alias
// the members, so a loop on the members would store and reload them at every byte.
void TomlCursor::SkipClass(uint8_t mask) {
    const char* data = text_.data();
    size_t size = text_.size();
    size_t position = position_;
#if defined(__SSE2__)
    if ((mask & (kBareKey | kScalarToken)) == 0) {
        position = SkipVerbatimBlocks(data, size, position, mask);
    }
#endif
    while (position < size && (kClasses[static_cast<unsigned char>(data[position])] & mask) != 0) {
        ++position;
    }
    position_ = position;
}

bool ScanComment(TomlCursor& cursor) {
    cursor.Advance(1);
    for (;;) {
        cursor.SkipClass(kPlainComment);
        if (cursor.AtEnd() || cursor.Peek() == '\n') {
            return true;
        }
        if (!IsNonAscii(cursor.Peek()) || !SkipUtf8Sequence(cursor, nullptr)) {
            return false;
        }
    }
}

bool ScanString(TomlCursor& cursor, std::string* value) {
    if (value != nullptr) {
        value->clear();
    }
    if (cursor.StartsWith("\"\"\"")) {
        return ScanMultiLineBasic(cursor, value);
    }
    if (cursor.StartsWith("'''")) {
        return ScanLiteral(cursor, true, value);
    }
    if (cursor.Peek() == '"') {
        return ScanBasic(cursor, value);
    }
    return ScanLiteral(cursor, false, value);
}

bool ScanQuotedKey(TomlCursor& cursor, std::string_view* name) {
    char quote = cursor.Peek();
    if (cursor.StartsWith(quote == '"' ? "\"\"" : "''")) {
        return false;  // an empty key, or a multi-line string where a key belongs
    }
    cursor.Advance(1);
    size_t begin = cursor.position();
    for (;;) {
        cursor.SkipClass(quote == '"' ? kPlainBasic : kPlainLiteral);
        if (cursor.Peek() == quote) {
            *name = cursor.Slice(begin, cursor.position());
            cursor.Advance(1);
            return true;
        }
        if (!IsNonAscii(cursor.Peek()) || !SkipUtf8Sequence(cursor, nullptr)) {
            return false;
        }
    }
}

}  // namespace eql::detail
