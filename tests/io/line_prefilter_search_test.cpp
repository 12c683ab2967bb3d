// The prefilter's substring search against std::string_view::find, at every position and across
// the 16-byte steps of the vector search, and its reordering of strings, which must never
// change which lines pass.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/io/line_prefilter.hpp"
#include "tests/io/random_text.hpp"

namespace {

using eql::testing::RandomText;

// Lower-cases the only upper-case letters the random texts use.
char LowerTestByte(char c) {
    if (c == 'S') {
        return 's';
    }
    if (c == 'O') {
        return 'o';
    }
    return c;
}

// Checks a set of kScanAllLiterals or more, drawn from `alphabet`, against find on random
// lines, and returns how many verdicts were "present".
int CheckLargeSet(std::mt19937& random, const std::string& alphabet) {
    eql::LiteralSet literals;
    std::vector<std::string> texts;
    std::vector<bool> folded;
    std::vector<uint32_t> ids;
    while (texts.size() < 3 * eql::LiteralSet::kScanAllLiterals) {
        std::string text = RandomText(random, 3 + random() % 4, alphabet);
        bool fold = random() % 3 == 0;
        if (fold) {
            std::transform(text.begin(), text.end(), text.begin(), LowerTestByte);
        }
        texts.push_back(text);
        folded.push_back(fold);
        ids.push_back(literals.Add(text, fold));
    }
    int present = 0;
    for (int round = 0; round < 300; ++round) {
        std::string line = RandomText(random, random() % 120, alphabet);
        std::string lowered = line;
        std::transform(lowered.begin(), lowered.end(), lowered.begin(), LowerTestByte);
        literals.Reset(line);
        for (size_t i = 0; i < texts.size(); ++i) {
            const std::string& haystack = folded[i] ? lowered : line;
            bool expected = haystack.find(texts[i]) != std::string::npos;
            present += expected ? 1 : 0;
            CAPTURE(line);
            CAPTURE(texts[i]);
            CHECK(literals.Contains(ids[i]) == expected);
        }
    }
    return present;
}


}  // namespace

TEST_SUITE("line_prefilter search") {

TEST_CASE("search finds needle at every offset") {
    const std::vector<std::string> needles = {"q", "SOCKS", "\"network\"", "fortinet_fortigate.log"};
    for (const std::string& needle : needles) {
        for (size_t length = needle.size(); length < 70; ++length) {
            for (size_t offset = 0; offset + needle.size() <= length; ++offset) {
                std::string line(length, 'e');
                line.replace(offset, needle.size(), needle);
                eql::LiteralSet literals;
                uint32_t id = literals.Add(needle, false);
                literals.Reset(line);
                CAPTURE(needle);
                CAPTURE(line);
                CHECK(literals.Contains(id));
            }
        }
    }
}

TEST_CASE("search agrees with find on random text") {
    std::mt19937 random(7);
    const std::string alphabet = "abcSOK\"";
    int found = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string line = RandomText(random, 1 + random() % 90, alphabet);
        std::string needle = RandomText(random, 1 + random() % 4, alphabet);
        eql::LiteralSet literals;
        uint32_t exact = literals.Add(needle, false);
        literals.Reset(line);
        bool expected = line.find(needle) != std::string::npos;
        found += expected ? 1 : 0;
        CAPTURE(line);
        CAPTURE(needle);
        CHECK(literals.Contains(exact) == expected);
    }
    // Both outcomes occur, so the comparison tests something either way.
    CHECK(found > 300);
    CHECK(found < 2700);
}

TEST_CASE("large set agrees with find") {
    std::mt19937 random(5);
    int present = CheckLargeSet(random, "abSO\"");
    CHECK(present > 1000);
    CHECK(present < 28000);
}

TEST_CASE("large set keeps non-ASCII bytes") {
    // 0xD3 and 0xCF have the low seven bits of 'S' and 'O', which lowering must not change.
    std::mt19937 random(6);
    int present = CheckLargeSet(random, "aSO\xD3\xCF\"");
    CHECK(present > 1000);
}

TEST_CASE("reordering keeps every verdict") {
    eql::LinePrefilter filter;
    filter.AddStage({"alpha", "beta", "gamma"}, {});
    filter.AddStage({"delta", "omega"}, {});
    std::mt19937 random(11);
    const std::vector<std::string> words = {"alpha", "beta", "gamma", "delta", "omega", "x"};
    int passed = 0;
    for (int line_index = 0; line_index < 20000; ++line_index) {
        std::string line;
        for (size_t word = 0; word < words.size(); ++word) {
            // Later words are rarer, so the best order differs from the order given.
            if (random() % 8 < 7 - word) {
                line += words[word] + ",";
            }
        }
        auto has = [&line](const char* word) { return line.find(word) != std::string::npos; };
        bool expected =
            (has("alpha") && has("beta") && has("gamma")) || (has("delta") && has("omega"));
        passed += expected ? 1 : 0;
        CAPTURE(line);
        REQUIRE(filter.MayPass(line) == expected);
    }
    CHECK(passed > 1000);
    CHECK(passed < 19000);
}

}  // TEST_SUITE
