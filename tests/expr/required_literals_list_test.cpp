// Required literals of `in` and pattern lists: the piece every member shares, the group of
// members' pieces, and the lists that promise nothing.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "tests/expr/condition_harness.hpp"

namespace eql::expr::testing {
namespace {

struct ListRow {
    const char* condition;
    std::vector<std::string> exact;
    std::vector<std::string> folded;
};

TEST_SUITE("required literals of lists") {

TEST_CASE("list members contribute their longest shared piece") {
    std::vector<ListRow> rows = {
        {R"(f in ("SOCKS4", "SOCKS5"))", {"SOCKS"}, {}},
        {R"(f in ("disconnect_received", "connection_attempted"))", {"connect"}, {}},
        {R"(f in~ ("PowerShell.exe", "pwsh.EXE"))", {}, {".exe"}},
        {R"(f in ("a/cmd.exe", "cmd.exe/b"))", {"cmd.exe"}, {}},
        {R"(f in ("say \"hi\" now", "\"hi\" there"))", {R"(\"hi\" )"}, {}},
        {R"(f == "abcd" and g in ("xyz1", "xyz2"))", {"abcd", "xyz"}, {}},
    };
    for (const ListRow& row : rows) {
        std::string condition = row.condition;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE(compiled.ok());
        CHECK(compiled.result.required_literals.exact == row.exact);
        CHECK(compiled.result.required_literals.folded == row.folded);
    }
}

struct GroupRow {
    const char* condition;
    std::vector<std::string> texts;
    bool folded;
};

TEST_CASE("list members form a group") {
    std::vector<GroupRow> rows = {
        {R"(f in ("SOCKS4", "SOCKS5"))", {"SOCKS4", "SOCKS5"}, false},
        {R"(f in ("abc", "xyz"))", {"abc", "xyz"}, false},
        {R"(f in~ ("Cmd.exe", "PowerShell.EXE"))", {"cmd.exe", "powershell.exe"}, true},
        {R"(f : ("*\\cmd.exe", "*pwsh*"))", {R"(\\cmd.exe)", "pwsh"}, true},
        {R"(f like ("abc*", "*/xyz1"))", {"abc", "xyz1"}, false},
    };
    for (const GroupRow& row : rows) {
        std::string condition = row.condition;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE(compiled.ok());
        const auto& groups = compiled.result.required_literals.any_of;
        REQUIRE(groups.size() == 1);
        CHECK(groups[0].texts == row.texts);
        CHECK(groups[0].folded == row.folded);
    }
}

TEST_CASE("lists with an unsure member form no group") {
    std::vector<const char*> conditions = {
        R"(f in ("abcd", "xy"))",
        R"(f in ("abc1", null))",
        R"(f in ("abcx", "1234"))",
        R"(f : ("abc", "*"))",
        R"(f : ("abc", "2024-01-01"))",
        R"(f regex ("abc.*", "xyz.*"))",
        R"(f not in ("abc", "xyz"))",
        R"(f in ("abc", "xyz") or g == "abc")",
    };
    for (const char* text : conditions) {
        std::string condition = text;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE(compiled.ok());
        CHECK(compiled.result.required_literals.any_of.empty());
    }
}

TEST_CASE("lists without a sure shared piece require nothing") {
    std::vector<const char*> conditions = {
        R"(f in ("abc", "xyz"))",
        R"(f in ("abcd", "bcdx", "xy"))",
        R"(f in ("abc1", null))",
        R"(f in ("1234", "12345"))",
        R"(f in ("abcx", "true"))",
        R"(f not in ("SOCKS4", "SOCKS5"))",
        R"(not f in ("SOCKS4", "SOCKS5"))",
        R"(f in ("SOCKS4", "SOCKS5") or g == "abc")",
    };
    for (const char* text : conditions) {
        std::string condition = text;
        CAPTURE(condition);
        Compiled compiled = Compile(condition);
        REQUIRE(compiled.ok());
        CHECK(compiled.result.required_literals.exact.empty());
        CHECK(compiled.result.required_literals.folded.empty());
    }
}

TEST_CASE("lists past the size limit require nothing") {
    std::string members;
    for (int i = 0; i < 65; ++i) {
        members += fmt::format("{}\"shared{}\"", i == 0 ? "" : ", ", i);
    }
    Compiled compiled = Compile("f in (" + members + ")");
    REQUIRE(compiled.ok());
    CHECK(compiled.result.required_literals.exact.empty());

    std::string long_member(129, 'q');
    Compiled long_list = Compile("f in (\"" + long_member + "\", \"qqqq\")");
    REQUIRE(long_list.ok());
    CHECK(long_list.result.required_literals.exact.empty());
}

}  // TEST_SUITE

}  // namespace
}  // namespace eql::expr::testing
