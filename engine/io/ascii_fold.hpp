// ASCII case folding eight bytes at a time, for the hot loops that lower or hash whole texts.
#pragma once

#include <cstdint>

namespace eql {

// Returns `word` with each byte in 'A'..'Z' lowered, as eight separate bytes. A byte gets 0x20
// added when it is below 0x80 and its low seven bits lie in 'A'..'Z', so bytes of 0x80 and
// above (UTF-8 sequences) stay as they are.
inline uint64_t FoldAsciiWord(uint64_t word) {
    constexpr uint64_t kLowSevenBits = 0x7F7F7F7F7F7F7F7FULL;
    constexpr uint64_t kHighBits = 0x8080808080808080ULL;
    uint64_t low = word & kLowSevenBits;
    uint64_t at_least_a = low + 0x3F3F3F3F3F3F3F3FULL;  // high bit set when low >= 'A'
    uint64_t above_z = low + 0x2525252525252525ULL;     // high bit set when low > 'Z'
    uint64_t upper = (at_least_a ^ above_z) & ~word & kHighBits;
    return word | (upper >> 2);
}

}  // namespace eql
