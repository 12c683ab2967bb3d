// Substring search for the line prefilter and the stage tests. A candidate start is checked
// with memcmp only where two chosen bytes of the needle (its anchors, usually its rarest bytes)
// match. The anchors are compared at many starts at once with SSE2, AVX2 or AVX-512BW.
#pragma once

#include <cstddef>
#include <string_view>

namespace eql::detail {

// The vector instructions a search uses. The build targets baseline x86-64 (no -march flag),
// so AVX2 and AVX-512BW are chosen at run time.
enum class SimdLevel { kScalar, kSse2, kAvx2, kAvx512 };

// Returns the best level that this build and CPU support.
SimdLevel BestSimdLevel();

// True when `needle` occurs in `haystack`. `anchor` and `second` are indexes into a non-empty
// needle, equal for a one-byte needle. The first form uses BestSimdLevel(), and `level` must
// be supported.
bool ContainsAnchored(std::string_view haystack, std::string_view needle, size_t anchor,
                      size_t second);
bool ContainsAnchored(std::string_view haystack, std::string_view needle, size_t anchor,
                      size_t second, SimdLevel level);

}  // namespace eql::detail
