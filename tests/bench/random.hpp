// A small, fully specified pseudo-random generator for the benchmark event generator.
// SplitMix64 (Steele, Lea and Flood, 2014) is used instead of <random> distributions because
// those may give different sequences across standard library versions, and the generated
// files must be byte-identical for a given seed on every build.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>

namespace eql::bench {

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}

    // Returns the next 64 random bits (one SplitMix64 step).
    uint64_t Next() {
        state_ += 0x9e3779b97f4a7c15ULL;
        uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Returns a value in [0, bound) by multiply-shift; bound must be positive. The bias is below
    // bound / 2^64, far too small to matter for test data.
    uint64_t Below(uint64_t bound) {
        return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
    }

    // Returns a value in [low, high], both inclusive.
    int64_t Range(int64_t low, int64_t high) {
        return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
    }

    // Returns true with probability numerator / denominator.
    bool Chance(uint64_t numerator, uint64_t denominator) { return Below(denominator) < numerator; }

    // Returns a uniformly chosen element of a non-empty container.
    template <typename Container>
    const auto& Pick(const Container& items) {
        return items[Below(std::size(items))];
    }

    // Derives an independent generator, so that one part of the output does not shift when
    // another part draws more numbers.
    Rng Fork(uint64_t stream) { return Rng(Next() ^ (stream * 0xd1b54a32d192ed03ULL)); }

    // Appends `count` lower-case hexadecimal digits.
    void AppendHex(std::string& out, size_t count);

    // Appends `count` characters of the base64 alphabet.
    void AppendBase64(std::string& out, size_t count);

    // Returns a random version-4 UUID in its canonical 8-4-4-4-12 text form.
    std::string Uuid();

private:
    uint64_t state_;
};

}  // namespace eql::bench
