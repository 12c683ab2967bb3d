// The line prefilter: a line passes when some stage finds all its strings, exact or ignoring
// ASCII case; a stage without strings turns the filter off; redundant stages are dropped.
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
