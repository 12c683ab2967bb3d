// Required literals: what a conjunction guarantees about the raw JSON text, and the conditions
// where nothing can be promised.
#include <doctest/doctest.h>

#include "tests/expr/condition_harness.hpp"

namespace eql::expr::testing {
namespace {

struct LiteralRow {
    const char* condition;
    std::vector<std::string> exact;
    std::vector<std::string> folded;
};

TEST_SUITE("required literals") {

TEST_CASE("conjuncts contribute their longest safe piece") {
    std::vector<LiteralRow> rows = {
        {R"(process.name == "cmd.exe")", {"cmd.exe"}, {}},
        {R"(process.name == "cmd.exe" and process.args : "*-enc*")", {"cmd.exe"}, {"-enc"}},
        {R"(f : "PowerShell.exe")", {}, {"powershell.exe"}},
        {R"(f like "ab*cdef")", {"cdef"}, {}},
        {R"(f like~ "AB?CDEF*")", {}, {"cdef"}},
        {R"(startsWith~(f, "PowerShell"))", {}, {"powershell"}},
        {R"(endsWith(f, ".dll") and stringContains(g, "temp"))", {".dll", "temp"}, {}},
        {R"(f in ("only-one"))", {"only-one"}, {}},
        {R"(f in~ ("Only-One"))", {}, {"only-one"}},
        {R"(f == "C:\\Windows\\x")", {R"(C:\\Windows\\x)"}, {}},
        {R"(f == "say \"hi\"")", {R"(say \"hi\")"}, {}},
        {R"(f == "path/to/thing")", {"thing"}, {}},
        {R"(not (a != "abc" or b != "xyz"))", {"abc", "xyz"}, {}},
        {R"(true and f == "abc")", {"abc"}, {}},
        {R"(f == "caf\u{e9}s")", {"caf"}, {}},
    };
    for (const LiteralRow& row : rows) {
        std::string condition = row.condition;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE(compiled.ok());
        CHECK(compiled.result.required_literals.exact == row.exact);
        CHECK(compiled.result.required_literals.folded == row.folded);
    }
}

TEST_CASE("nothing is required where a match need not contain the literal") {
    std::vector<const char*> conditions = {
        R"(f == "5")",
        R"(f == "1.5e3")",
        R"(f == "true")",
        R"(f == "2017-08-30T20:47:33Z")",
        R"(f != "abc")",
        R"(not f == "abc")",
        R"(f == "abc" or g == "xyz")",
        R"(f in ("abc", "xyz"))",
        R"(f not in ("abc"))",
        R"(f regex "abc.*")",
        R"(f == "ab")",
        R"(f == "a/b/cd")",
        R"(length(f) == 3)",
        R"(concat(f, "x") == "abcx")",
        R"(f : ("abc*", "xyz"))",
        R"(cidrMatch(f, "10.0.0.0/8"))",
    };
    for (const char* text : conditions) {
        std::string condition = text;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE_MESSAGE(compiled.ok(), compiled.FirstMessage());
        CHECK(compiled.result.required_literals.exact.empty());
        CHECK(compiled.result.required_literals.folded.empty());
    }
}

TEST_CASE("typed non-string fields require nothing") {
    MapSchema schema({{"ip", FieldType::kIp}, {"name", FieldType::kKeyword}});
    Compiled compiled = Compile(R"(ip == "10.0.0.1" and name == "svchost.exe")", &schema);
    REQUIRE(compiled.ok());
    CHECK(compiled.result.required_literals.exact == std::vector<std::string>{"svchost.exe"});
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr::testing
