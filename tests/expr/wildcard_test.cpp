// The wildcard matcher of `:` and `like`: anchoring, `?` as one code point, backslashes as
// ordinary characters, and linear time on adversarial patterns.
#include <doctest/doctest.h>

#include <chrono>

#include "engine/expr/wildcard.hpp"
#include "tests/expr/condition_harness.hpp"

namespace eql::expr {
namespace {

struct WildcardRow {
    const char* pattern;
    const char* text;
    bool case_insensitive;
    bool expected;
};

TEST_SUITE("wildcard") {

TEST_CASE("patterns match whole values") {
    std::vector<WildcardRow> rows = {
        {"*", "", false, true},
        {"*", "abc", false, true},
        {"**", "abc", false, true},
        {"", "", false, true},
        {"", "a", false, false},
        {"abc", "abc", false, true},
        {"abc", "xabcx", false, false},
        {"a?c", "abc", false, true},
        {"a?c", "ac", false, false},
        {"a?c", "abbc", false, false},
        {"?", "", false, false},
        {"a?c", "a\xf0\x9f\x99\x82" "c", false, true},
        {"?", "\xc3\xa9", false, true},
        {"a*", "ba", false, false},
        {"*a", "ab", false, false},
        {"a*a", "a", false, false},
        {"a*a", "aa", false, true},
        {"ab*ba", "aba", false, false},
        {"ab*ba", "abba", false, true},
        {"a*b*c", "abc", false, true},
        {"a*b*c", "acb", false, false},
        {"*b*", "abc", false, true},
        {"*?", "", false, false},
        {"*?", "x", false, true},
        {"*.exe", "cmd.EXE", true, true},
        {"*.exe", "cmd.EXE", false, false},
        {"*%*%*", "a%b%c", false, true},
        {"%*%*", "x%y%", false, false},
        {"*\\red_ttp\\wininit.*", "C:\\red_ttp\\wininit.exe", false, true},
        {"C:\\Windows\\*", "C:\\Windows\\System32", false, true},
        {"*\\*", "a\\b", false, true},
        {"*\\*", "ab", false, false},
        {"Us*ers", "Users", false, true},
        {"00*03E9", "000003e9", true, true},
        {"a?*b", "ab", false, false},
        {"a*?b", "axb", false, true},
    };
    for (const WildcardRow& row : rows) {
        std::string pattern_text = row.pattern;
        std::string text = row.text;
        CAPTURE(pattern_text);
        CAPTURE(text);
        WildcardPattern pattern(row.pattern, row.case_insensitive);
        CHECK(pattern.Matches(row.text) == row.expected);
    }
}

TEST_CASE("adversarial patterns stay linear") {
    std::string text(100 * 1024, 'a');
    WildcardPattern pattern("*a*a*a*a*a*b", false);
    auto start = std::chrono::steady_clock::now();
    bool matched = false;
    for (int i = 0; i < 100; ++i) {
        matched = matched || pattern.Matches(text);
    }
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK_FALSE(matched);
    CHECK(elapsed < std::chrono::seconds(2));

    WildcardPattern middle("*aab*aab*", true);
    start = std::chrono::steady_clock::now();
    CHECK_FALSE(middle.Matches(text));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("literal runs list the text between wildcards") {
    WildcardPattern pattern("*Pow?rShell*-Enc*", true);
    CHECK(pattern.LiteralRuns() ==
          std::vector<std::string>{"", "pow", "rshell", "-enc", ""});
    CHECK(pattern.has_wildcards());
    CHECK_FALSE(WildcardPattern("plain", false).has_wildcards());
}

TEST_CASE("colon with a backslash in the pattern matches it literally") {
    using testing::Holds;
    std::string key = "\\REGISTRY\\MACHINE\\SAM\\SAM\\DOMAINS\\Account\\Users\\000003E9\\F";
    CHECK(Holds(R"(key_path : "*\\MACHINE\\SAM\\SAM\\*\\Account\\Us*ers\\00*03E9\\F")",
                {{"key_path", {key}}}));
    CHECK_FALSE(Holds(R"(key_path like "*\\machine\\*")", {{"key_path", {key}}}));
    CHECK(Holds(R"(key_path like~ "*\\machine\\*")", {{"key_path", {key}}}));
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr
