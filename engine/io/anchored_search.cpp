// ContainsAnchored: a vector step compares the anchors at 64 (AVX-512BW or AVX2) or 16 (SSE2)
// consecutive starts, and a shorter or overlapping step, or a scalar loop, takes the starts
// that remain. The AVX steps are compiled with target attributes, so the rest of the build
// keeps its baseline instruction set.
#include "engine/io/anchored_search.hpp"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define EQLITE_HAS_AVX_STEPS 1
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace eql::detail {

namespace {

// True when the bytes at `start` equal `needle`.
bool MatchesAt(const char* start, std::string_view needle) {
    return std::memcmp(start, needle.data(), needle.size()) == 0;
}

// A search in progress: a candidate start s needs begin[s + anchor] == needle[anchor] and the
// same at `second`, so only those get a memcmp. Starts run from 0 to `starts` - 1.
struct Search {
    const char* begin;
    size_t starts;
    std::string_view needle;
    size_t anchor;
    size_t second;
};

// True when the needle occurs at start + i for some set bit i of `mask`.
bool MatchesInMask(const Search& search, size_t start, uint64_t mask) {
    while (mask != 0) {
        size_t offset = static_cast<size_t>(__builtin_ctzll(mask));
        if (MatchesAt(search.begin + start + offset, search.needle)) {
            return true;
        }
        mask &= mask - 1;
    }
    return false;
}

bool ScanScalar(const Search& search, size_t start) {
    const char first = search.needle[search.anchor];
    const char second = search.needle[search.second];
    for (; start < search.starts; ++start) {
        if (search.begin[start + search.anchor] == first &&
            search.begin[start + search.second] == second &&
            MatchesAt(search.begin + start, search.needle)) {
            return true;
        }
    }
    return false;
}

#if defined(__SSE2__)
// Checks 16 starts per step while 16 remain, and advances *start past them. The loads reach
// begin + start + 15 + max(anchor, second), which is inside the haystack because
// start + 15 < starts and both anchors are < needle.size().
bool ScanSse2(const Search& search, size_t* start) {
    const __m128i first_byte = _mm_set1_epi8(search.needle[search.anchor]);
    const __m128i second_byte = _mm_set1_epi8(search.needle[search.second]);
    size_t at = *start;
    for (; at + 16 <= search.starts; at += 16) {
        __m128i at_first =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(search.begin + at + search.anchor));
        __m128i at_second =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(search.begin + at + search.second));
        __m128i both = _mm_and_si128(_mm_cmpeq_epi8(at_first, first_byte),
                                     _mm_cmpeq_epi8(at_second, second_byte));
        auto mask = static_cast<uint32_t>(_mm_movemask_epi8(both));
        if (mask != 0 && MatchesInMask(search, at, mask)) {
            return true;
        }
    }
    *start = at;
    return false;
}
#endif

#if defined(EQLITE_HAS_AVX_STEPS)
// Returns the bits of the 32 starts from `at` on whose anchors match. The loads reach
// begin + at + 31 + max(anchor, second), inside the haystack while at + 32 <= starts.
__attribute__((target("avx2"))) inline uint32_t AnchorMask32(const Search& search, size_t at,
                                                             __m256i first_byte,
                                                             __m256i second_byte) {
    __m256i at_first = _mm256_loadu_si256(
        reinterpret_cast<const __m256i*>(search.begin + at + search.anchor));
    __m256i at_second = _mm256_loadu_si256(
        reinterpret_cast<const __m256i*>(search.begin + at + search.second));
    __m256i both = _mm256_and_si256(_mm256_cmpeq_epi8(at_first, first_byte),
                                    _mm256_cmpeq_epi8(at_second, second_byte));
    return static_cast<uint32_t>(_mm256_movemask_epi8(both));
}

// Checks 64 starts per step, then 32, then the last 32 starts again (overlapping starts already
// checked, which cannot change the result). Leaves *start past every start it checked.
__attribute__((target("avx2"))) bool ScanAvx2(const Search& search, size_t* start) {
    const __m256i first_byte = _mm256_set1_epi8(search.needle[search.anchor]);
    const __m256i second_byte = _mm256_set1_epi8(search.needle[search.second]);
    size_t at = *start;
    for (; at + 64 <= search.starts; at += 64) {
        uint32_t low = AnchorMask32(search, at, first_byte, second_byte);
        uint32_t high = AnchorMask32(search, at + 32, first_byte, second_byte);
        uint64_t mask = low | (uint64_t{high} << 32);
        if (mask != 0 && MatchesInMask(search, at, mask)) {
            return true;
        }
    }
    if (at + 32 <= search.starts) {
        uint32_t mask = AnchorMask32(search, at, first_byte, second_byte);
        if (mask != 0 && MatchesInMask(search, at, mask)) {
            return true;
        }
        at += 32;
    }
    if (at < search.starts && search.starts >= 32) {
        at = search.starts - 32;
        uint32_t mask = AnchorMask32(search, at, first_byte, second_byte);
        if (mask != 0 && MatchesInMask(search, at, mask)) {
            return true;
        }
        at = search.starts;
    }
    *start = at;
    return false;
}

// Checks 64 starts per step. The last step loads only the bytes of the starts that remain (a
// masked load does not fault on the bytes it leaves out), so no start is left over.
__attribute__((target("avx512bw"))) bool ScanAvx512(const Search& search, size_t* start) {
    const __m512i first_byte = _mm512_set1_epi8(search.needle[search.anchor]);
    const __m512i second_byte = _mm512_set1_epi8(search.needle[search.second]);
    for (size_t at = *start; at < search.starts; at += 64) {
        size_t left = search.starts - at;
        __mmask64 loaded = left >= 64 ? ~__mmask64{0} : (__mmask64{1} << left) - 1;
        __m512i at_first = _mm512_maskz_loadu_epi8(loaded, search.begin + at + search.anchor);
        __m512i at_second = _mm512_maskz_loadu_epi8(loaded, search.begin + at + search.second);
        __mmask64 mask = _mm512_mask_cmpeq_epi8_mask(
            _mm512_mask_cmpeq_epi8_mask(loaded, at_first, first_byte), at_second, second_byte);
        if (mask != 0 && MatchesInMask(search, at, mask)) {
            return true;
        }
    }
    *start = search.starts;
    return false;
}
#endif

SimdLevel DetectSimdLevel() {
#if defined(EQLITE_HAS_AVX_STEPS)
    // GCC's and Clang's checks include the operating system's support for the AVX registers.
    if (__builtin_cpu_supports("avx512bw")) {
        return SimdLevel::kAvx512;
    }
    if (__builtin_cpu_supports("avx2")) {
        return SimdLevel::kAvx2;
    }
#endif
#if defined(__SSE2__)
    return SimdLevel::kSse2;
#else
    return SimdLevel::kScalar;
#endif
}

}  // namespace

SimdLevel BestSimdLevel() {
    static const SimdLevel level = DetectSimdLevel();
    return level;
}

bool ContainsAnchored(std::string_view haystack, std::string_view needle, size_t anchor,
                      size_t second) {
    return ContainsAnchored(haystack, needle, anchor, second, BestSimdLevel());
}

bool ContainsAnchored(std::string_view haystack, std::string_view needle, size_t anchor,
                      size_t second, SimdLevel level) {
    if (needle.empty()) {
        return true;
    }
    if (needle.size() > haystack.size()) {
        return false;
    }
    Search search{haystack.data(), haystack.size() - needle.size() + 1, needle, anchor, second};
    size_t start = 0;
#if defined(EQLITE_HAS_AVX_STEPS)
    if (level == SimdLevel::kAvx512) {
        return ScanAvx512(search, &start);
    }
    if (level == SimdLevel::kAvx2 && ScanAvx2(search, &start)) {
        return true;
    }
#endif
#if defined(__SSE2__)
    if (level != SimdLevel::kScalar && ScanSse2(search, &start)) {
        return true;
    }
#endif
    return ScanScalar(search, start);
}

}  // namespace eql::detail
