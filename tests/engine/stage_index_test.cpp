// The stage router against the conditions alone: with its category index, index terms and
// required literals, it must pass exactly the stages that MatchesStage passes, once each.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "eql/engine.hpp"
#include "engine/eval/stage_filter.hpp"
#include "engine/eval/stage_router.hpp"
#include "tests/io/read_helpers.hpp"

namespace {

using eql::eval::StageHits;
using eql::eval::StageRouter;

// Names in several cases, arrays with repeated values, numbers, non-ASCII text, missing and
// null fields, and a name that only another field contains.
constexpr std::string_view kEvents =
    R"({"@timestamp":1,"event":{"category":"process"},"process":{"name":"cmd.exe"}})"
    "\n"
    R"({"@timestamp":2,"event":{"category":"process"},"process":{"name":"CMD.EXE"}})"
    "\n"
    R"({"@timestamp":3,"event":{"category":"process"},"process":{"name":["cmd.exe","Cmd.exe"]}})"
    "\n"
    R"({"@timestamp":4,"event":{"category":"process"},"process":{"name":5}})"
    "\n"
    R"({"@timestamp":5,"event":{"category":"process"},"process":{"name":"c\u00e9d.exe"}})"
    "\n"
    R"({"@timestamp":6,"event":{"category":"process"},"process":{"parent":{"name":"cmd.exe"}}})"
    "\n"
    R"({"@timestamp":7,"event":{"category":"process"},"process":{"name":null}})"
    "\n"
    R"({"@timestamp":8,"event":{"category":["network","process"]},"process":{"name":"net.exe"}})"
    "\n"
    R"({"@timestamp":9,"event":{"category":"network"},"process":{"name":"5"}})"
    "\n";

struct Routed {
    std::vector<std::string> expected;  // by event: "1" or "0" per stage, from MatchesStage
    std::vector<std::string> routed;    // the same from StageRouter::Route
    std::vector<std::vector<uint64_t>> stage_counts;
};

std::string StageBits(uint64_t bits, size_t stages) {
    std::string text;
    for (size_t i = 0; i < stages; ++i) {
        text += ((bits >> i) & 1) ? '1' : '0';
    }
    return text;
}

Routed Route(const std::string& query) {
    Routed result;
    eql::EventLayout layout;
    eql::CompileResult compiled = eql::Compile(query, layout);
    REQUIRE(compiled.plan != nullptr);
    const eql::Plan& plan = *compiled.plan;
    eql::testing::ReadResult read = eql::testing::ReadText(layout, kEvents);
    REQUIRE(read.events.size() == 9);

    StageRouter router({compiled.plan}, true);
    result.stage_counts.assign(1, std::vector<uint64_t>(router.stage_slots()[0], 0));
    std::vector<StageHits> hits;
    for (const eql::EventPtr& event : read.events) {
        uint64_t expected = 0;
        for (size_t i = 0; i < plan.stages.size(); ++i) {
            expected |= uint64_t{eql::eval::MatchesStage(plan.stages[i], *event)} << i;
        }
        result.expected.push_back(StageBits(expected, plan.stages.size()));

        router.Route(*event, hits, &result.stage_counts);
        uint64_t routed = hits.empty() ? 0 : hits.front().bits;
        result.routed.push_back(StageBits(routed, plan.stages.size()));
    }
    return result;
}

TEST_SUITE("stage index") {

TEST_CASE("router passes what the conditions pass") {
    std::vector<std::string> queries = {
        R"(process where process.name == "cmd.exe")",
        R"(process where process.name : "cmd.exe")",
        R"(process where process.name in~ ("CMD.exe", "net.exe"))",
        R"(process where process.name like "cmd.exe")",
        R"(process where process.name like~ "c?d.exe")",
        R"(process where process.name : ("cmd.exe", "c\u{e9}d.exe"))",
        R"(process where process.name != "cmd.exe")",
        R"(process where not process.name : "cmd.exe")",
        R"(process where not (process.name != "cmd.exe" or process.parent.name == "x"))",
        R"(process where process.name == "cmd.exe" or process.parent.name : "CMD.EXE")",
        R"(process where process.name == "5")",
        R"(any where process.name : "5")",
        R"(any where process.name in ("net.exe", "cmd.exe") and event.category == "process")",
        R"(process where process.name == null)",
        R"(process where process.name : "*.exe" and event.category : "process")",
        R"(sequence [process where process.name : "cmd.exe"] [network where true])",
        R"(process where (process.name : "cmd.exe" and id == null) or process.name == "net.exe")",
        R"(process where not (process.name != "CMD.EXE" and process.name != "5"))",
        R"(sequence [process where process.name : "CMD.exe"] [any where process.name == "5"])",
    };
    for (const std::string& query : queries) {
        CAPTURE(query);
        Routed result = Route(query);
        CHECK(result.routed == result.expected);
    }
}

TEST_CASE("router counts a stage once per event") {
    Routed result = Route(R"(process where process.name in~ ("cmd.exe", "CMD.EXE"))");
    CHECK(result.routed == std::vector<std::string>{"1", "1", "1", "0", "0", "0", "0", "0", "0"});
    CHECK(result.stage_counts == std::vector<std::vector<uint64_t>>{{3, 0}});
}

}  // TEST_SUITE

}  // namespace
