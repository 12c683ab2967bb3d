// Helpers for lines that simdjson rejects: where the UTF-8 breaks, which number is wrong, and
// how to show a value inside a skip message. Only the error path uses them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace eql::detail {

// Returns the offset of the first byte that starts an invalid UTF-8 sequence (overlong forms,
// surrogates and code points past U+10FFFF are invalid), or text.size() when there is none.
size_t FindInvalidUtf8(std::string_view text);

struct NumberScan {
    enum class Problem { kNone, kMalformed, kOutOfRange };
    Problem problem = Problem::kNone;
    std::string_view token;                // the first malformed or out-of-range number
    std::vector<size_t> big_integer_ends;  // offsets just past integers that overflow 64 bits
};

// Scans the number tokens outside strings in `text`. A malformed number wins over one out of
// range, which is any number beyond the double range. Integers too large for 64 bits but
// within that range are valid JSON, so they are only listed, to be read as doubles.
NumberScan ScanNumbers(std::string_view text);

// Copies `text` into *out with ".0" after each listed integer, so that simdjson reads it as a
// double, then adds `padding` bytes. Returns the length of the rewritten text.
size_t RewriteBigIntegers(std::string_view text, const std::vector<size_t>& ends,
                          size_t padding, std::string* out);

// simdjson's message for an error, with a lower-case start and no final period.
std::string DescribeJsonError(std::string_view simdjson_message);

// Returns a number's text for messages, cut to 64 bytes with "..." when longer.
std::string ShowNumberToken(std::string_view token);

// Returns `text` as a JSON string literal for messages: escaped, and cut to about 64 bytes
// (at a UTF-8 boundary) with "..." when longer.
std::string QuoteForMessage(std::string_view text);

}  // namespace eql::detail
