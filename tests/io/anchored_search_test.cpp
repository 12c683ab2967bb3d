// ContainsAnchored at every SIMD level this CPU supports, against std::string_view::find: the
// needle at every offset of haystacks whose lengths cross the 16-, 32- and 64-start steps, and
// random text with anchors at every pair of needle positions.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/io/anchored_search.hpp"
#include "tests/io/random_text.hpp"

using eql::detail::ContainsAnchored;
using eql::detail::SimdLevel;

namespace {

using eql::testing::RandomText;

// The levels to test: every level up to the best one this CPU supports.
std::vector<SimdLevel> SupportedLevels() {
    std::vector<SimdLevel> levels = {SimdLevel::kScalar};
    for (SimdLevel level : {SimdLevel::kSse2, SimdLevel::kAvx2, SimdLevel::kAvx512}) {
        if (static_cast<int>(level) <= static_cast<int>(eql::detail::BestSimdLevel())) {
            levels.push_back(level);
        }
    }
    return levels;
}

}  // namespace

TEST_SUITE("anchored_search") {

TEST_CASE("needle found at every offset") {
    const std::vector<std::string> needles = {"q", "SOCKS", "\"network\"",
                                              "fortinet_fortigate.log"};
    for (SimdLevel level : SupportedLevels()) {
        for (const std::string& needle : needles) {
            size_t last = needle.size() - 1;
            for (size_t length = needle.size(); length < 200; ++length) {
                for (size_t offset = 0; offset + needle.size() <= length; ++offset) {
                    std::string line(length, 'e');
                    line.replace(offset, needle.size(), needle);
                    CAPTURE(static_cast<int>(level));
                    CAPTURE(line);
                    REQUIRE(ContainsAnchored(line, needle, 0, last, level));
                    REQUIRE(ContainsAnchored(line, needle, last, 0, level));
                }
            }
        }
    }
}

TEST_CASE("needle absent from every length") {
    for (SimdLevel level : SupportedLevels()) {
        for (size_t length = 0; length < 200; ++length) {
            // Every byte but the needle's last one, so each anchor pair has many candidates.
            std::string line(length, 'S');
            CAPTURE(static_cast<int>(level));
            CAPTURE(length);
            CHECK_FALSE(ContainsAnchored(line, "SSSSq", 0, 1, level));
            CHECK_FALSE(ContainsAnchored(line, "SSSSq", 4, 0, level));
        }
    }
}

TEST_CASE("levels agree with find on random text") {
    std::mt19937 random(3);
    const std::string alphabet = "abSO\"";
    int found = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string line = RandomText(random, random() % 260, alphabet);
        std::string needle = RandomText(random, 1 + random() % 5, alphabet);
        size_t anchor = random() % needle.size();
        size_t second = random() % needle.size();
        bool expected = line.find(needle) != std::string::npos;
        found += expected ? 1 : 0;
        for (SimdLevel level : SupportedLevels()) {
            CAPTURE(static_cast<int>(level));
            CAPTURE(line);
            CAPTURE(needle);
            REQUIRE(ContainsAnchored(line, needle, anchor, second, level) == expected);
        }
    }
    // Both outcomes occur, so the comparison tests something either way.
    CHECK(found > 400);
    CHECK(found < 3600);
}

TEST_CASE("empty needle and short haystack") {
    for (SimdLevel level : SupportedLevels()) {
        CAPTURE(static_cast<int>(level));
        CHECK(ContainsAnchored("", "", 0, 0, level));
        CHECK(ContainsAnchored("abc", "", 0, 0, level));
        CHECK_FALSE(ContainsAnchored("ab", "abc", 0, 2, level));
        CHECK(ContainsAnchored("abc", "abc", 2, 0, level));
    }
}

}  // TEST_SUITE
