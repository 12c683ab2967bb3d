// Lucene regular expressions translated to RE2: shorthand classes, bracket classes, bounded
// repeats, anchoring, Lucene's optional operators and the constructs that are rejected.
#include <doctest/doctest.h>

#include "engine/expr/lucene_regex.hpp"
#include "tests/expr/condition_harness.hpp"

namespace eql::expr {
namespace {

using testing::Compile;
using testing::Compiled;

struct RegexRow {
    const char* pattern;
    const char* text;
    bool expected;
};

void CheckMatches(const char* op, const std::vector<RegexRow>& rows) {
    for (const RegexRow& row : rows) {
        std::string text = row.text;
        CAPTURE(text);
        std::string condition = std::string("f ") + op + " \"\"\"" + row.pattern + "\"\"\"";
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE_MESSAGE(compiled.ok(), compiled.FirstMessage());
        CHECK(compiled.Test({{"f", {text}}}) == row.expected);
    }
}

TEST_SUITE("regex") {

TEST_CASE("translation wraps and escapes for RE2") {
    CHECK(TranslateLuceneRegex("abc", false).re2 == "^(?:abc)$");
    CHECK(TranslateLuceneRegex("a.c", false).re2 == "^(?:a.c)$");
    CHECK(TranslateLuceneRegex("a+", false).re2 == "^(?:(?:a)+)$");
    CHECK(TranslateLuceneRegex("\\d", false).re2 == "^(?:[0-9])$");
    CHECK(TranslateLuceneRegex("\\s", false).re2 == "^(?:[\\x{9}-\\x{a}\\x{d}\\x{20}])$");
    CHECK(TranslateLuceneRegex("a", true).re2 == "^(?:[aA])$");
    CHECK(TranslateLuceneRegex("^$", false).re2 == "^(?:\\x{5e}\\x{24})$");
    CHECK(TranslateLuceneRegex("", false).re2 == "^(?:)$");
}

TEST_CASE("shorthand classes match Lucene's sets") {
    CheckMatches("regex", {
        {"\\d+", "123", true},
        {"\\d+", "12a", false},
        {"\\D", "a", true},
        {"\\D", "1", false},
        {"a\\sb", "a\tb", true},
        {"a\\sb", "a\x0c" "b", false},  // Lucene's \s has no form feed
        {"\\S+", "abc", true},
        {"\\S", " ", false},
        {"\\w+", "a_Z9", true},
        {"\\w", "-", false},
        {"\\W", "-", true},
        {"[\\d_]+", "1_2", true},
        {"[\\S]", "x", true},
        {"[^\\d]", "5", false},
    });
}

TEST_CASE("classes, repeats and alternation") {
    CheckMatches("regex", {
        {"[a-z0-9]{32}\\.example\\.net", "0123456789abcdef0123456789abcdef.example.net", true},
        {"[a-z0-9]{32}\\.example\\.net", "0123456789abcdef.example.net", false},
        {"[a-z]{2,3}", "ab", true},
        {"[a-z]{2,3}", "abcd", false},
        {"a{2,}", "aaaa", true},
        {"a{2}", "aaa", false},
        {"a{3,2}", "aa", false},
        {"[^abc]x", "dx", true},
        {"[^abc]x", "ax", false},
        {"[]a]+", "]a]", true},
        {"ps[a-z]+\\.exe|wmic\\.exe", "wmic.exe", true},
        {"(ab)+", "abab", true},
        {"()", "", true},
        {".*?net1[ ]+localgroup.*?", "c:\\net1  localgroup admins", true},
        {"a**", "aaa", true},
        {"*abc", "*abc", true},
        {"a.c", "a\nc", true},
    });
}

TEST_CASE("matches are anchored at both ends") {
    CheckMatches("regex", {
        {"abc", "xabcx", false},
        {"abc", "abc", true},
        {".*abc.*", "xabcx", true},
        {"^abc", "abc", false},
        {"^abc", "^abc", true},
        {"abc$", "abc$", true},
    });
}

TEST_CASE("Lucene operators that RE2 can express") {
    CheckMatches("regex", {
        {"a@", "abc", true},
        {"@", "", true},
        {"a#", "a", false},
        {"\"a.b\"", "a.b", true},
        {"\"a.b\"", "axb", false},
        {"<1-10>", "7", true},
        {"<1-10>", "007", true},
        {"<1-10>", "11", false},
        {"<01-10>", "07", true},
        {"<01-10>", "7", false},
        {"x<5-250>y", "x125y", true},
        {"x<5-250>y", "x251y", false},
        {"\\@", "@", true},
        {"\\&", "&", true},
        {"\\~", "~", true},
        {"\\\\", "\\", true},
    });
}

TEST_CASE("regex~ folds single characters but not ranges") {
    CheckMatches("regex~", {
        {"abc", "ABC", true},
        {"[abc]+", "ABC", true},
        {"[a-c]+", "ABC", false},
        {"[a-c]+", "abc", true},
        {"[^a]", "A", false},
        {"\"ps\"", "PS", true},
        {".*?net1.*?", "NET1", true},
    });
}

TEST_CASE("lists of patterns are alternatives") {
    Compiled compiled = Compile(R"(f regex (".*?net[1]? localgroup.*?", ".*? myappserver.py .*?"))");
    REQUIRE(compiled.ok());
    CHECK(compiled.Test({{"f", {std::string("net localgroup")}}}));
    CHECK(compiled.Test({{"f", {std::string("x myappserver.py y")}}}));
    CHECK_FALSE(compiled.Test({{"f", {std::string("other")}}}));
}

TEST_CASE("untranslatable and invalid patterns are errors on the literal") {
    struct Case {
        const char* condition;
        const char* message;
        uint32_t offset;
    };
    std::vector<Case> cases = {
        {R"(f regex "a&b")",
         "invalid regular expression [a&b]: the intersection operator [&] is not supported; "
         "escape it as [\\&] to match it literally at position 1",
         18},
        {R"(f regex "~a")",
         "invalid regular expression [~a]: the complement operator [~] is not supported; escape "
         "it as [\\~] to match it literally at position 0",
         18},
        {R"(f regex """\n""")",
         "invalid regular expression [\\n]: invalid character class \\n at position 0", 18},
        {R"(f regex "(a")", "invalid regular expression [(a]: expected ')' at position 2", 18},
        {R"(f regex "[a")", "invalid regular expression [[a]: expected ']' at position 2", 18},
        {R"(f regex "<name>")",
         "invalid regular expression [<name>]: named automaton <name> is not supported at "
         "position 6",
         18},
        {R"(f regex "a{1001}")", "invalid regular expression [a{1001}]: invalid repetition size: {1001,1001}", 18},
    };
    for (const Case& c : cases) {
        std::string condition = c.condition;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        CHECK_FALSE(compiled.ok());
        REQUIRE(compiled.result.diagnostics.size() == 1);
        CHECK(compiled.result.diagnostics[0].code == "invalid-regex");
        CHECK(compiled.result.diagnostics[0].message == c.message);
        CHECK(compiled.result.diagnostics[0].offset == c.offset);
    }
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr
