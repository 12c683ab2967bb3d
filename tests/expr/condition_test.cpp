// Conditions end to end: Elasticsearch's null and `not` rewriting (every row of the
// specification's table), multi-valued fields, case sensitivity of each operator, and
// value-directed comparison without a schema.
#include <doctest/doctest.h>

#include "tests/expr/condition_harness.hpp"

namespace eql::expr::testing {
namespace {

Value S(const char* text) { return std::string(text); }

void CheckRows(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        std::string condition = row.condition;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE_MESSAGE(compiled.ok(), compiled.FirstMessage());
        CHECK(compiled.Test(row.fields) == row.expected);
    }
}

TEST_SUITE("condition") {

TEST_CASE("missing field follows the null and not table") {
    FieldMap missing;
    CheckRows({
        {"f == \"a\"", missing, false},
        {"f : \"a*\"", missing, false},
        {"stringContains(f, \"a\")", missing, false},
        {"f != \"a\"", missing, true},
        {"not f == \"a\"", missing, true},
        {"not f : \"a*\"", missing, true},
        {"f not in (\"a\")", missing, true},
        {"not cidrMatch(f, \"10.0.0.0/8\")", missing, true},
        {"not f > 5", missing, false},
        {"f == null", missing, true},
        {"f != null", missing, false},
        {"not length(f) > 0", missing, false},
        {"length(f) != 3", missing, false},
        {"not (f > 5 or f : \"a\")", missing, false},
        {"not stringContains(concat(f, \"x\"), \"y\")", missing, false},
    });
}

TEST_CASE("present field gives the plain results") {
    FieldMap a{{"f", {S("a")}}};
    CheckRows({
        {"f == \"a\"", a, true},
        {"f != \"a\"", a, false},
        {"not f == \"a\"", a, false},
        {"not f : \"a*\"", a, false},
        {"f not in (\"a\")", a, false},
        {"f == null", a, false},
        {"f != null", a, true},
        {"not length(f) > 0", a, false},
        {"length(f) != 3", a, true},
        {"not stringContains(concat(f, \"x\"), \"y\")", a, true},
    });
}

TEST_CASE("not on a comparison is rewritten before multi-valued evaluation") {
    FieldMap values{{"f", {int64_t(3), int64_t(7)}}};
    CheckRows({
        {"f > 5", values, true},
        {"not f > 5", values, true},
        {"not f < 10", values, false},
        {"f == 3", values, true},
        {"f != 3", values, false},
        {"f != 4", values, true},
        {"not f in (3)", values, false},
        {"f not in (4, 5)", values, true},
        {"f in (7)", values, true},
        {"not (f == 3 and f == 7)", values, false},
        {"f == null", values, false},
    });
}

TEST_CASE("script atoms run once per value combination") {
    FieldMap fields{{"a", {S("x"), S("y")}}, {"b", {S("p"), S("q")}}, {"s", {S("a"), S("bb")}}};
    CheckRows({
        {"concat(a, b) == \"xq\"", fields, true},
        {"concat(a, b) == \"yp\"", fields, true},
        {"concat(a, b) == \"xy\"", fields, false},
        {"length(s) == 1", fields, true},
        {"length(s) == 2", fields, true},
        {"length(s) == 3", fields, false},
        {"not stringContains(concat(s, \"\"), \"a\")", fields, true},
        {"not length(s) > 0", fields, false},
        {"length(missing) > 0 or missing == null", fields, true},
    });
}

TEST_CASE("operators fold case as Elasticsearch does") {
    FieldMap f{{"f", {S("Abc")}}};
    CheckRows({
        {"f == \"abc\"", f, false},
        {"f == \"Abc\"", f, true},
        {"f : \"abc\"", f, true},
        {"f : \"ABC\"", f, true},
        {"f in (\"abc\")", f, false},
        {"f in~ (\"ABC\")", f, true},
        {"f not in~ (\"ABC\")", f, false},
        {"f like \"abc\"", f, false},
        {"f like \"Abc\"", f, true},
        {"f like~ \"ABC\"", f, true},
        {"f regex \"abc\"", f, false},
        {"f regex~ \"ABC\"", f, true},
        {"startsWith(f, \"ab\")", f, false},
        {"startsWith~(f, \"ab\")", f, true},
        {"f : \"\u00c0bc\"", f, false},
    });
}

TEST_CASE("case folding covers ASCII letters only") {
    FieldMap f{{"f", {S("\xc3\x80" "bc")}}};  // "Àbc"
    CheckRows({
        {"f : \"\xc3\xa0" "bc\"", f, false},  // "àbc": not folded
        {"f : \"\xc3\x80" "BC\"", f, true},
    });
}

TEST_CASE("equality takes asterisks literally") {
    CheckRows({
        {"f == \"cmd*.exe\"", {{"f", {S("cmd*.exe")}}}, true},
        {"f == \"cmd*.exe\"", {{"f", {S("cmd1.exe")}}}, false},
        {"f : \"cmd*.exe\"", {{"f", {S("CMD1.exe")}}}, true},
        {"f : (\"x\", \"a*\")", {{"f", {S("Abc")}}}, true},
        {"f : (\"x\", \"y*\")", {{"f", {S("Abc")}}}, false},
        {"f like (\"-enc*\", \"-e\")", {{"f", {S("-e")}}}, true},
    });
}

TEST_CASE("strings order by code point") {
    FieldMap idle{{"f", {S("System Idle Process")}}};
    FieldMap system{{"f", {S("System")}}};
    CheckRows({
        {"f >= \"System\" and f <= \"System Idle Process\"", idle, true},
        {"f > \"System\" and f < \"System Idle Process\"", idle, false},
        {"f > \"System\" and f < \"Systez\"", idle, true},
        {"f >= \"system idle process\"", idle, false},
        {"f < \"System Idle Process\"", system, true},
    });
}

TEST_CASE("comparison is directed by the value without a schema") {
    CheckRows({
        {"f == \"5\"", {{"f", {int64_t(5)}}}, true},
        {"f == \"5.0\"", {{"f", {int64_t(5)}}}, true},
        {"f == \"abc\"", {{"f", {int64_t(5)}}}, false},
        {"f != \"abc\"", {{"f", {int64_t(5)}}}, true},
        {"f < \"10\"", {{"f", {int64_t(5)}}}, true},
        {"f == 5", {{"f", {S("5")}}}, true},
        {"f == 5.0", {{"f", {S("5")}}}, false},
        {"f == 5.5", {{"f", {S("5.5")}}}, true},
        {"f < 5", {{"f", {S("10")}}}, true},  // as strings: "10" < "5"
        {"f == 5", {{"f", {5.0}}}, true},
        {"f < 5", {{"f", {4.5}}}, true},
        {"f == 9007199254740993", {{"f", {int64_t(9007199254740993)}}}, true},
        {"f == 9007199254740992", {{"f", {int64_t(9007199254740993)}}}, false},
    });
}

TEST_CASE("booleans compare logically and are unordered") {
    CheckRows({
        {"f == true", {{"f", {true}}}, true},
        {"f == \"true\"", {{"f", {true}}}, true},
        {"f == 1", {{"f", {true}}}, false},
        {"f > false", {{"f", {true}}}, false},
        {"f == true", {{"f", {S("true")}}}, true},
    });
}

TEST_CASE("bare boolean field means field == true") {
    CheckRows({
        {"f", {{"f", {true}}}, true},
        {"f", {{"f", {false}}}, false},
        {"f", {}, false},
        {"not f", {{"f", {true}}}, false},
        {"not f", {{"f", {false}}}, true},
        {"not f", {}, true},
        {"f and g", {{"f", {true}}, {"g", {true}}}, true},
        {"f and g", {{"f", {true}}, {"g", {false}}}, false},
    });
}

TEST_CASE("ISO dates compare as dates") {
    CheckRows({
        {"t == \"2017-08-30T20:47:33Z\"", {{"t", {S("2017-08-30T20:47:33.000Z")}}}, true},
        {"t == \"2017-08-30T20:47:33Z\"", {{"t", {int64_t(1504126053000)}}}, true},
        {"t < \"2017-08-30T20:47:34Z\"", {{"t", {int64_t(1504126053000)}}}, true},
        {"t > \"2017-08-30T22:00:00+02:00\"", {{"t", {S("2017-08-30T20:47:33Z")}}}, true},
        {"t == 1504126053000", {{"t", {int64_t(1504126053000)}}}, true},
    });
}

TEST_CASE("null constants fold through the rewriting") {
    FieldMap missing;
    FieldMap present{{"exit_code", {int64_t(0)}}};
    CheckRows({
        {"null == (exit_code > -1)", missing, true},
        {"null == (exit_code > -1)", present, false},
        {"null == (-1 < exit_code)", missing, true},
        {"null == null", missing, true},
        {"null != null", missing, false},
        {"not (exit_code > -1)", present, false},
        {"-1 < exit_code", present, true},
        {"0 <= exit_code", present, true},
        {"true == (f in (\"a\", \"b\"))", {{"f", {S("b")}}}, true},
        {"(f in (\"a\", \"b\")) == false", {{"f", {S("b")}}}, false},
        {"f < null", present, false},
        {"not (f < null)", present, false},
        {"true and null", missing, false},
        {"not (false and null)", missing, true},
    });
}

TEST_CASE("absent optional fields compare as null") {
    CheckRows({
        {"?x == ?y", {}, true},
        {"?x == ?y", {{"x", {S("a")}}}, false},
        {"?x != ?y", {{"x", {S("a")}}}, true},
        {"?x == ?y", {{"x", {S("a")}}, {"y", {S("a")}}}, true},
        {"?x == null", {}, true},
        {"?x", {}, false},
    });
}

TEST_CASE("unknown function fails compilation with a suggestion") {
    Compiled compiled = Compile("lenght(f) == 3");
    CHECK_FALSE(compiled.ok());
    REQUIRE(compiled.result.diagnostics.size() == 1);
    CHECK(compiled.result.diagnostics[0].code == "unknown-function");
    CHECK(compiled.result.diagnostics[0].message ==
          "Unknown function [lenght], did you mean [length]?");
    CHECK(compiled.result.diagnostics[0].offset == 10);
    CHECK(compiled.result.diagnostics[0].length == 6);
}

TEST_CASE("fields are registered in the layout once") {
    Compiled compiled = Compile("a == 1 and (b == 2 or a == 3) and length(c) > concat(a, c)");
    REQUIRE(compiled.ok());
    CHECK(compiled.layout.fields() == std::vector<std::string>{"a", "b", "c"});
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr::testing
