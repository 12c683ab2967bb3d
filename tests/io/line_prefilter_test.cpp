// The line prefilter passes a line when some stage finds all its strings in it, exact or
// ignoring ASCII case. A stage without strings turns it off, and redundant stages are dropped.
// The literal set searches each string once per text.
#include <doctest/doctest.h>

#include "engine/io/line_prefilter.hpp"

TEST_SUITE("line_prefilter") {

TEST_CASE("line needs every string of one stage") {
    eql::LinePrefilter filter;
    filter.AddStage({"\"network\"", "signature"}, {});
    filter.AddStage({"endpoint"}, {});
    REQUIRE(filter.active());
    CHECK(filter.MayPass(R"({"c":"network","a":"signature"})"));
    CHECK(filter.MayPass(R"({"m":"endpoint"})"));
    CHECK_FALSE(filter.MayPass(R"({"c":"network","a":"close"})"));
    CHECK_FALSE(filter.MayPass(R"({"c":"networks","a":"signature"})"));
    CHECK_FALSE(filter.MayPass(""));
}

TEST_CASE("folded strings ignore ASCII case") {
    eql::LinePrefilter filter;
    filter.AddStage({}, {"powershell.exe"});
    CHECK(filter.MayPass(R"({"name":"PowerShell.EXE"})"));
    CHECK(filter.MayPass(R"({"name":"powershell.exe"})"));
    CHECK_FALSE(filter.MayPass(R"({"name":"pwsh.exe"})"));
}

TEST_CASE("exact strings keep case") {
    eql::LinePrefilter filter;
    filter.AddStage({"SOCKS5"}, {});
    CHECK(filter.MayPass(R"({"app":"SOCKS5"})"));
    CHECK_FALSE(filter.MayPass(R"({"app":"socks5"})"));
}

TEST_CASE("string at either end of the line is found") {
    eql::LinePrefilter filter;
    filter.AddStage({"abc"}, {});
    CHECK(filter.MayPass("abc"));
    CHECK(filter.MayPass("xxabc"));
    CHECK(filter.MayPass("abcxx"));
    CHECK(filter.MayPass("ababcab"));
    CHECK_FALSE(filter.MayPass("ab"));
    CHECK_FALSE(filter.MayPass("abxbc"));
}

TEST_CASE("stage without strings passes every line") {
    eql::LinePrefilter filter;
    filter.AddStage({"rare"}, {});
    filter.AddStage({}, {});
    CHECK_FALSE(filter.active());
    CHECK(filter.MayPass("{}"));
}

TEST_CASE("empty filter is inactive") {
    eql::LinePrefilter filter;
    CHECK_FALSE(filter.active());
    CHECK(filter.MayPass("anything"));
}

TEST_CASE("stage needing more than another is dropped") {
    eql::LinePrefilter filter;
    filter.AddStage({"alpha", "beta"}, {});
    filter.AddStage({"alpha"}, {});
    filter.AddStage({"alpha", "gamma"}, {});
    CHECK(filter.stage_count() == 1);
    CHECK(filter.MayPass("alpha"));
    CHECK_FALSE(filter.MayPass("beta gamma"));
}

}  // TEST_SUITE

TEST_SUITE("literal_set") {

TEST_CASE("literal set answers per text") {
    eql::LiteralSet literals;
    uint32_t exact = literals.Add("Start", false);
    uint32_t folded = literals.Add("start", true);
    CHECK(literals.Add("Start", false) == exact);
    CHECK(literals.size() == 2);

    literals.Reset(R"({"type":"START"})");
    CHECK_FALSE(literals.Contains(exact));
    CHECK(literals.Contains(folded));
    literals.Reset(R"({"type":"Start"})");
    CHECK(literals.Contains(exact));
    CHECK(literals.Contains(folded));
    literals.Reset("{}");
    CHECK_FALSE(literals.Contains(exact));
    CHECK_FALSE(literals.Contains(folded));
}

}  // TEST_SUITE
