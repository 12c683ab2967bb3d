// IndexPatternsOverlap against the plain dynamic-programming table it started as. The quick
// rejections by literal head and tail must never change a result.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/check/schema_set.hpp"

namespace {

// The full table of IndexPatternsOverlap without its shortcuts.
bool OverlapByTable(const std::string& first, const std::string& second) {
    const size_t n = first.size();
    const size_t m = second.size();
    std::vector<std::vector<char>> reachable(n + 1, std::vector<char>(m + 1, 0));
    reachable[n][m] = 1;
    for (size_t i = n + 1; i-- > 0;) {
        for (size_t j = m + 1; j-- > 0;) {
            if (i == n && j == m) {
                continue;
            }
            bool ok = false;
            if (i < n && first[i] == '*') {
                ok = reachable[i + 1][j] || (j < m && reachable[i][j + 1]);
            }
            if (!ok && j < m && second[j] == '*') {
                ok = reachable[i][j + 1] || (i < n && reachable[i + 1][j]);
            }
            if (!ok && i < n && j < m && first[i] == second[j]) {
                ok = reachable[i + 1][j + 1];
            }
            reachable[i][j] = ok ? 1 : 0;
        }
    }
    return reachable[0][0] != 0;
}

// A pattern of up to eight characters from a small alphabet, so that overlaps are common.
std::string RandomPattern(std::mt19937& random) {
    static const char kAlphabet[] = "ab-.*";
    std::string pattern(random() % 9, ' ');
    for (char& c : pattern) {
        c = kAlphabet[random() % (sizeof(kAlphabet) - 1)];
    }
    return pattern;
}

}  // namespace

TEST_SUITE("index_pattern_overlap") {

TEST_CASE("overlap agrees with the full table") {
    std::mt19937 random(7);
    int overlapping = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string first = RandomPattern(random);
        std::string second = RandomPattern(random);
        CAPTURE(first);
        CAPTURE(second);
        bool expected = OverlapByTable(first, second);
        CHECK(eql::IndexPatternsOverlap(first, second) == expected);
        overlapping += expected ? 1 : 0;
    }
    // Both results must be common for the comparison to mean anything.
    CHECK(overlapping > 2000);
    CHECK(overlapping < 18000);
}

TEST_CASE("overlap of real index patterns") {
    CHECK(eql::IndexPatternsOverlap("logs-endpoint.events.*", "logs-endpoint.events.process-*"));
    CHECK_FALSE(eql::IndexPatternsOverlap("logs-endpoint.events.process-*",
                                          "logs-endpoint.events.file-*"));
    CHECK_FALSE(eql::IndexPatternsOverlap("winlogbeat-*", "logs-windows.*"));
    CHECK(eql::IndexPatternsOverlap("*-windows.*", "logs-windows.sysmon_operational-*"));
    CHECK_FALSE(eql::IndexPatternsOverlap("logs-aws.cloudtrail", "logs-aws.cloudtrail-*x"));
    CHECK(eql::IndexPatternsOverlap("logs-aws.cloudtrail*", "logs-aws.cloudtrail"));
}

}  // TEST_SUITE
