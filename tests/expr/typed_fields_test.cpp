// Comparisons on fields a schema types: ip (parsed addresses, CIDR in equality), version
// (semantic-version order, invalid versions last), date (literals parsed as dates), keyword
// and numeric coercion, aliases and unmapped optional fields.
#include <doctest/doctest.h>

#include "engine/expr/typed_values.hpp"
#include "tests/expr/condition_harness.hpp"

namespace eql::expr::testing {
namespace {

const MapSchema& Types() {
    static const MapSchema schema(
        {{"ip", FieldType::kIp},
         {"version", FieldType::kVersion},
         {"ts", FieldType::kDate},
         {"name", FieldType::kKeyword},
         {"count", FieldType::kLong},
         {"flag", FieldType::kBoolean},
         {"event_type", FieldType::kKeyword}},
        {{"event.category", "event_type"}});
    return schema;
}

bool TypedHolds(const std::string& condition, const FieldMap& fields) {
    return Holds(condition, fields, &Types());
}

Value S(const char* text) { return std::string(text); }

TEST_SUITE("typed fields") {

TEST_CASE("ip fields compare parsed addresses") {
    CHECK(TypedHolds(R"(ip == "10.0.0.1")", {{"ip", {S("10.0.0.1")}}}));
    CHECK(TypedHolds(R"(ip == "10.0.0.1")", {{"ip", {S("::ffff:10.0.0.1")}}}));
    CHECK(TypedHolds(R"(ip == "::1")", {{"ip", {S("0:0:0:0:0:0:0:1")}}}));
    CHECK(TypedHolds(R"(ip == "10.0.0.0/8")", {{"ip", {S("10.9.9.9")}}}));
    CHECK_FALSE(TypedHolds(R"(ip == "10.0.0.0/8")", {{"ip", {S("11.0.0.1")}}}));
    CHECK(TypedHolds(R"(ip != "10.0.0.0/8")", {{"ip", {S("11.0.0.1")}}}));
    CHECK(TypedHolds(R"(ip < "10.0.0.2")", {{"ip", {S("10.0.0.1")}}}));
    CHECK(TypedHolds(R"(ip in ("192.168.0.0/16", "10.0.0.1"))", {{"ip", {S("192.168.4.4")}}}));
    CHECK(TypedHolds(R"(ip in ("10.0.0.1"))", {{"ip", {S("::ffff:10.0.0.1")}}}));
    CHECK_FALSE(TypedHolds(R"(ip in ("10.0.0.1"))", {{"ip", {S("10.0.0.2")}}}));
}

TEST_CASE("version fields order by semantic version") {
    CHECK(CompareVersions("1.2.4-SNAPSHOT", "1.2.4") < 0);
    CHECK(CompareVersions("1.11.3", "1.5.0") > 0);
    CHECK(CompareVersions("bad", "99.0.0") > 0);
    CHECK(CompareVersions("1.0.0-alpha", "1.0.0-alpha.1") < 0);
    CHECK(CompareVersions("1.0.0-alpha.1", "1.0.0-alpha.beta") < 0);
    CHECK(CompareVersions("1.0.0-2", "1.0.0-11") < 0);
    CHECK(CompareVersions("1.2.3+build", "1.2.3+build") == 0);
    CHECK_FALSE(IsValidVersion("01.2.3"));
    CHECK(TypedHolds(R"(version == "1.2.4")", {{"version", {S("1.2.4")}}}));
    CHECK(TypedHolds(R"(version > "1.5.0")", {{"version", {S("1.11.3")}}}));
    CHECK_FALSE(TypedHolds(R"(version < "1.5.0")", {{"version", {S("1.11.3")}}}));
    CHECK(TypedHolds(R"(version < "1.5.0")", {{"version", {S("1.2.4-SNAPSHOT")}}}));
    CHECK_FALSE(TypedHolds(R"(version < "1.5.0")", {{"version", {S("bad")}}}));
    CHECK(TypedHolds(R"(version == "bad")", {{"version", {S("bad")}}}));
    CHECK(TypedHolds(R"(CONCAT(version, "") == "1.2.4")", {{"version", {S("1.2.4")}}}));
}

TEST_CASE("date fields compare literals as dates") {
    CHECK(TypedHolds(R"(ts == "2017-08-30T20:47:33Z")", {{"ts", {int64_t(1504126053000)}}}));
    CHECK(TypedHolds(R"(ts < "2017-08-30T20:47:34Z")", {{"ts", {int64_t(1504126053000)}}}));
    CHECK(TypedHolds(R"(ts > "2017-08-30")", {{"ts", {S("2017-08-30T00:00:01Z")}}}));
    CHECK(TypedHolds(R"(ts == "1504126053000")", {{"ts", {S("2017-08-30T20:47:33.000Z")}}}));
    CHECK(TypedHolds(R"(ts == 1504126053000)", {{"ts", {S("2017-08-30T20:47:33Z")}}}));
    CHECK_FALSE(TypedHolds(R"(ts == "not a date")", {{"ts", {int64_t(0)}}}));
    CHECK(ParseDateNanos("1970-01-01T00:00:01.5Z") == 1500000000);
    CHECK(ParseDateNanos("1") == 1000000);
    CHECK(ParseDateNanos("131486022294.365140") == int64_t(131486022294365140));
    CHECK(ParseDateNanos("-1.5") == -1500000);
    CHECK(ParseDateNanos("1.") == std::nullopt);
    CHECK(TypedHolds(R"(ts == "1974-03-03T02:22:54.294365140Z")",
                     {{"ts", {S("131509374294.365140")}}}));
    CHECK(ParseDateNanos("2020-02-30T25:00:00Z") == std::nullopt);
}

TEST_CASE("keyword and numeric fields coerce the other side") {
    CHECK(TypedHolds("name == 5", {{"name", {int64_t(5)}}}));
    CHECK(TypedHolds("name == \"5\"", {{"name", {int64_t(5)}}}));
    CHECK_FALSE(TypedHolds("name == \"5.0\"", {{"name", {int64_t(5)}}}));
    CHECK(TypedHolds("name < \"b\"", {{"name", {S("a")}}}));
    CHECK(TypedHolds("count == \"5\"", {{"count", {S("5")}}}));
    CHECK(TypedHolds("count == \"5\"", {{"count", {int64_t(5)}}}));
    CHECK(TypedHolds("count > \"40\"", {{"count", {int64_t(100)}}}));
    CHECK_FALSE(TypedHolds("count == \"abc\"", {{"count", {int64_t(5)}}}));
    CHECK(TypedHolds("count in (\"5\", 6)", {{"count", {S("6")}}}));
    CHECK(TypedHolds("name in (5, \"x\")", {{"name", {int64_t(5)}}}));
    CHECK(TypedHolds("flag == \"true\"", {{"flag", {true}}}));
    CHECK(TypedHolds("flag", {{"flag", {S("true")}}}));
    CHECK(TypedHolds("flag > false", {{"flag", {true}}}));
}

TEST_CASE("aliases read their target field") {
    Compiled compiled = Compile(R"(event.category == "process")", &Types());
    REQUIRE(compiled.ok());
    CHECK(compiled.layout.fields() == std::vector<std::string>{"event_type"});
    CHECK(compiled.Test({{"event_type", {S("process")}}}));
}

TEST_CASE("optional fields the schema lacks are null") {
    CHECK(TypedHolds("?nope == null", {{"nope", {S("x")}}}));
    CHECK_FALSE(TypedHolds("?nope", {}));
    CHECK(TypedHolds("?nope == ?other", {}));
    CHECK_FALSE(TypedHolds("?nope == 123", {}));
    CHECK(TypedHolds("?name == null", {}));
    CHECK_FALSE(TypedHolds("?name == null", {{"name", {S("x")}}}));
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr::testing
