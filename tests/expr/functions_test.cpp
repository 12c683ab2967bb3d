// The function catalogue: each function, its `~` variant, its null behaviour and Java's
// semantics (UTF-16 lengths, number formatting, arithmetic signs).
#include <doctest/doctest.h>

#include "tests/expr/condition_harness.hpp"

namespace eql::expr::testing {
namespace {

Value S(const char* text) { return std::string(text); }

void CheckTrue(const std::vector<std::string>& conditions, const FieldMap& fields = {}) {
    for (const std::string& condition : conditions) {
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE_MESSAGE(compiled.ok(), compiled.FirstMessage());
        CHECK(compiled.Test(fields));
    }
}

TEST_SUITE("functions") {

TEST_CASE("between finds the text between delimiters") {
    FieldMap system{{"f", {S("System Idle Process")}}};
    CheckTrue({
        "between(f, \"s\", \"e\") == \"t\"",
        "between~(f, \"s\", \"E\") == \"yst\"",
        "between~(f, \"s\", \"E\", false) == \"yst\"",
        "between(f, \"S\", \"e\", true) == \"ystem Idle Proc\"",
        "between~(f, \"s\", \"e\", true) == \"ystem Idle Proc\"",
        "between(\"a=1;b=2;\", \"=\", \";\") == \"1\"",
        "between(\"a=1;b=2;\", \"=\", \";\", true) == \"1;b=2\"",
        "between(\"abc\", \"x\", \"c\") == \"\"",
        "between(\"abc\", \"a\", \"x\") == \"\"",
        "between(\"abc\", \"\", \"c\") == \"abc\"",
        "between(\"\", \"a\", \"c\") == \"\"",
        "between(missing, \"a\", \"c\") == null",
        "between(f, null, \"c\") == null",
    }, system);
}

TEST_CASE("concat joins string forms and is null with a null argument") {
    CheckTrue({
        "concat(\"pid:\", 4) == \"pid:4\"",
        "concat(1.5, true, \"x\") == \"1.5truex\"",
        "concat(f) == \"a\"",
        "concat(f, null) == null",
        "concat(missing, \"x\") == null",
        "concat(f, \"::\", 3) : \"A::3\"",
    }, {{"f", {S("a")}}});
}

TEST_CASE("startsWith and endsWith test prefix and suffix") {
    FieldMap f{{"f", {S("explorer.exe")}}};
    CheckTrue({
        "startsWith(f, \"explorer.\")",
        "not startsWith(f, \"EXPLORER.\")",
        "startsWith~(f, \"EXPLORER.\")",
        "startsWith(f, \"\")",
        "endsWith(f, \".exe\")",
        "not endsWith(f, \".EXE\")",
        "endsWith~(f, \"loREr.exe\")",
        "startsWith(\"explorer.exeaaaa\", f)",
        "startsWith~(\"explorer.exeaAAAA\", \"EXPLORER.exe\")",
        "startsWith(missing, \"a\") == null",
        "endsWith(f, null) == null",
    }, f);
}

TEST_CASE("stringContains is a literal substring test") {
    FieldMap f{{"f", {S("C:\\Windows\\*.exe")}}};
    CheckTrue({
        "stringContains(f, \"Windows\")",
        "not stringContains(f, \"windows\")",
        "stringContains~(f, \"WINDOWS\")",
        "stringContains(f, \"*.exe\")",
        "not stringContains(f, \"W*s\")",
        "not stringContains(f, \"\")",
        "not stringContains(\"\", \"\")",
        "stringContains(\"ABCDEFGHIexplorer.exeJKLMNOP\", \"explorer.exe\")",
        "stringContains(missing, \"a\") == null",
    }, f);
}

TEST_CASE("indexOf follows Java's String.indexOf") {
    FieldMap f{{"f", {S("explorer.exe")}}};
    CheckTrue({
        "indexOf(f, \"plore\") == 2",
        "indexOf~(f, \"PLORE\") == 2",
        "indexOf(f, \"PLORE\") == null",
        "indexOf(f, \"plorer.\", 2) == 2",
        "indexOf(f, \"plorer.\", 4) == null",
        "indexOf(f, \"e\", 1) == 6",
        "indexOf(f, \"e\", -5) == 0",
        "indexOf(f, \"e\", 100) == null",
        "indexOf(\"abc\", \"\", 2) == 2",
        "indexOf(\"abc\", \"\", 9) == 3",
        "indexOf(\"abc\", \"b\", null) == null",
        "indexOf(\"\xf0\x9f\x99\x82x\", \"x\") == 2",
        "indexOf(missing, \"a\") == null",
        "indexOf(f, missing) == null",
    }, f);
}

TEST_CASE("length counts UTF-16 code units per value") {
    CheckTrue({
        "length(\"abc\") == 3",
        "length(\"\") == 0",
        "length(\"\xf0\x9f\x99\x82\") == 2",
        "length(\"\xc3\xa9\") == 1",
        "length(missing) == null",
        "length(f) == 2",
        "length(f) == 5",
    }, {{"f", {S("ab"), S("abcde")}}});
}

TEST_CASE("number parses decimal, hexadecimal and other bases") {
    CheckTrue({
        "number(\"42\") == 42",
        "number(\"42.5\") == 42.5",
        "number(\"-17\") == -17",
        "number(\"+5\") == 5",
        "number(\" 42 \") == 42",
        "number(\"0x1F\") == 31",
        "number(\"0x32\", 16) == 50",
        "number(\"32\", 16) == 50",
        "number(\"1f\", 16) == 31",
        "number(\"777\", 8) == 511",
        "number(\"31\", 13) == 40",
        "number(\"0x10\", 10) == null",
        "number(\"abc\") == null",
        "number(\"12\", 1) == null",
        "number(\"5\", null) == 5",
        "number(missing) == null",
        "number(f) == 17",
    }, {{"f", {S("17")}}});
}

TEST_CASE("string prints values as Java does") {
    CheckTrue({
        "string(42) == \"42\"",
        "string(-42) == \"-42\"",
        "string(42.5) == \"42.5\"",
        "string(1e10) == \"1.0E10\"",
        "string(0.001) == \"0.001\"",
        "string(0.0001) == \"1.0E-4\"",
        "string(1234567.0) == \"1234567.0\"",
        "string(12345678.0) == \"1.2345678E7\"",
        "string(2.0) == \"2.0\"",
        "string(true) == \"true\"",
        "string(\"x\") == \"x\"",
        "string(null) == null",
        "string(f) : \"1*\"",
        "string(g) == \"0.5\"",
    }, {{"f", {int64_t(17)}}, {"g", {0.5}}});
}

TEST_CASE("substring slices like Python in UTF-16 units") {
    CheckTrue({
        "substring(\"regsvr32.exe\", -4) == \".exe\"",
        "substring(\"regsvr32.exe\", -4, -1) == \".ex\"",
        "substring(\"machine$\", 0, -1) == \"machine\"",
        "substring(\"abc\", 1) == \"bc\"",
        "substring(\"abc\", 5) == \"\"",
        "substring(\"abc\", 2, 1) == \"\"",
        "substring(\"abc\", -10, 2) == \"ab\"",
        "substring(\"abc\", 0, 10) == \"abc\"",
        "substring(\"abc\", null) == \"abc\"",
        "substring(\"abc\", 1, null) == \"bc\"",
        "substring(\"\xf0\x9f\x99\x82" "ab\", 2) == \"ab\"",
        "substring(missing, 1) == null",
        "substring(f, 1, 3) == \"xp\"",
    }, {{"f", {S("explorer.exe")}}});
}

TEST_CASE("math functions and operators follow Java") {
    CheckTrue({
        "add(1, 2) == 3",
        "subtract(f, -5) == 6",
        "multiply(6, f) == 6",
        "divide(30, 4.0) == 7.5",
        "divide(7, 2) == 3",
        "divide(-7, 2) == -3",
        "modulo(11, 10) == 1",
        "modulo(-7, 3) == -1",
        "modulo(7, -3) == 1",
        "divide(1, 0) == null",
        "modulo(1, 0) == null",
        "-7 / 2 == -3",
        "-7 % 3 == -1",
        "7 % -3 == 1",
        "f / 0 == null",
        "f % 0 == null",
        "f + 1 == 2",
        "-f == -1",
        "f * 2.5 == 2.5",
        "9223372036854775807 + f == null",
        "-9223372036854775807 - 1 - f == null",
        "(missing + 1) == null",
        "divide(1.0, 0) > 1000000",
    }, {{"f", {int64_t(1)}}});
}

TEST_CASE("case-insensitive form is rejected on other functions") {
    Compiled compiled = Compile("length~(f) == 3");
    CHECK_FALSE(compiled.ok());
    REQUIRE(!compiled.result.diagnostics.empty());
    CHECK(compiled.result.diagnostics[0].code == "function-case-insensitive");
    CHECK(compiled.result.diagnostics[0].message ==
          "Unused parameters [true] detected when building [length]");
}

TEST_CASE("wrong argument counts are reported in Elasticsearch's words") {
    struct Case {
        const char* condition;
        const char* message;
    };
    std::vector<Case> cases = {
        {"length(a, b) == 1", "error building [length]: expects exactly one argument"},
        {"startsWith(a)", "error building [startswith]: expects exactly two arguments"},
        {"indexOf(a) == 1", "error building [indexof]: expects two or three arguments"},
        {"between(a, b) == \"\"", "error building [between]: expects three or four arguments"},
        {"number() == 1", "error building [number]: expects one or two arguments"},
        {"cidrMatch(a)", "error building [cidrmatch]: expects at least two arguments"},
        {"substring(a) == \"\"", "error building [substring]: expects two or three arguments"},
        {"add(1) == 1", "error building [add]: expects exactly two arguments"},
    };
    for (const Case& c : cases) {
        std::string condition = c.condition;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        CHECK_FALSE(compiled.ok());
        REQUIRE(!compiled.result.diagnostics.empty());
        CHECK(compiled.result.diagnostics[0].code == "function-arity");
        CHECK(compiled.result.diagnostics[0].message == c.message);
    }
}

TEST_CASE("function names resolve in any case") {
    CheckTrue({"STARTSWITH(f, \"a\")", "cidrmatch(ip, \"10.0.0.0/8\")", "StringContains(f, \"b\")",
               "CONCAT(f, \"\") == \"ab\""},
              {{"f", {S("ab")}}, {"ip", {S("10.0.0.1")}}});
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr::testing
