// Index terms: the conjunct whose field value the stage router looks stages up by, and the
// conditions that offer none.
#include <doctest/doctest.h>

#include "tests/expr/condition_harness.hpp"

namespace eql::expr::testing {
namespace {

struct TermRow {
    const char* condition;
    std::string path;
    std::vector<std::string> values;
};

TEST_SUITE("index terms") {

TEST_CASE("a string equality conjunct gives the term") {
    std::vector<TermRow> rows = {
        {R"(process.name == "cmd.exe")", "process.name", {"cmd.exe"}},
        {R"(process.name : "CMD.exe")", "process.name", {"cmd.exe"}},
        {R"(process.name like "Cmd.exe")", "process.name", {"cmd.exe"}},
        {R"(f in ("B", "a", "b"))", "f", {"a", "b"}},
        {R"(f : ("x.exe", "Y.exe"))", "f", {"x.exe", "y.exe"}},
        {R"(not (f != "abc" or g == "x"))", "f", {"abc"}},
        {R"(host.os.type == "windows" and process.name : "cmd.exe")", "process.name",
         {"cmd.exe"}},
        {R"(event.type == "start" and event.action == "exec")", "event.action", {"exec"}},
        {R"(network.transport == "tcp" and process.name : "svchost.exe")", "process.name",
         {"svchost.exe"}},
        {R"(f in ("a", "b", "c") and g in ("x", "y"))", "g", {"x", "y"}},
        {R"(f == "caf\u{e9}")", "f", {"caf\xc3\xa9"}},
        {R"(host.os.type == "windows" and (event.code == "4738" and g == "x" or h == "5136"))",
         "host.os.type", {"windows"}},
        {R"((f : "A" and g == "x") or f : ("b", "c"))", "f", {"a", "b", "c"}},
        {R"(not (f != "a" and f != "b"))", "f", {"a", "b"}},
        {R"(h in ("w", "x", "y", "z") and (f == "a" or (g == "x" and f in ("b", "c"))))", "f",
         {"a", "b", "c"}},
    };
    for (const TermRow& row : rows) {
        std::string condition = row.condition;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE(compiled.ok());
        REQUIRE(compiled.result.index_term.has_value());
        CHECK(compiled.result.index_term->path == row.path);
        CHECK(compiled.result.index_term->values == row.values);
        CHECK(compiled.layout.fields()[compiled.result.index_term->slot] == row.path);
        bool classifying = row.path == "event.action" || row.path.rfind("host.", 0) == 0 ||
                           row.path.rfind("event.", 0) == 0 || row.path.rfind("network.", 0) == 0;
        CHECK(compiled.result.index_term->selective == !classifying);
    }
}

TEST_CASE("no term where another value could pass") {
    std::vector<const char*> conditions = {
        R"(f == "5")",
        R"(f == "true")",
        R"(f == "2017-08-30T20:47:33Z")",
        R"(f != "abc")",
        R"(not f == "abc")",
        R"(f == "abc" or g == "xyz")",
        R"(f == "abc" or f : "*.exe")",
        R"(f == "abc" or f == "5")",
        R"(not (f != "a" and g != "x" and f != "b"))",
        R"(f not in ("abc"))",
        R"(f in ("abc", 5))",
        R"(f : "*.exe")",
        R"(f like "a?c")",
        R"(f : "a\\*")",
        R"(f regex "abc")",
        R"(f == null)",
        R"(startsWith(f, "abc"))",
        R"(length(f) == 3)",
    };
    for (const char* condition : conditions) {
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE(compiled.ok());
        CHECK_FALSE(compiled.result.index_term.has_value());
    }
}

}  // TEST_SUITE

}  // namespace
}  // namespace eql::expr::testing
