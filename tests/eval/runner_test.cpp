// Event queries and the runner: category tests, ordering, several plans in one run, and the
// query index on each match.
#include <doctest/doctest.h>

#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;

TEST_SUITE("eval runner") {

TEST_CASE("event query returns matches in ordinal order") {
    World world;
    std::vector<EventPtr> events = {world.Make(3, 3 * kMs, "process"),
                                    world.Make(1, 1 * kMs, "process"),
                                    world.Make(2, 2 * kMs, "file"),
                                    world.Make(4, 1 * kMs, "process")};
    CHECK(RunIds(world, EventPlan(world.Stage("process")), events) == IdList{1, 4, 3});
}

TEST_CASE("category test is exact and case-sensitive") {
    World world;
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "Process"),
                                    world.Make(2, 2 * kMs, "process"),
                                    world.Make(3, 3 * kMs, "processes")};
    CHECK(RunIds(world, EventPlan(world.Stage("process")), events) == IdList{2});
}

TEST_CASE("category test accepts any value of an array") {
    World world;
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "", {{"event.category", Strings({"network", "process"})}}),
        world.Make(2, 2 * kMs, "", {{"event.category", Strings({"network"})}}),
    };
    CHECK(RunIds(world, EventPlan(world.Stage("process")), events) == IdList{1});
}

TEST_CASE("any matches events without a category") {
    World world;
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, ""), world.Make(2, 2 * kMs, "file")};
    CHECK(RunIds(world, EventPlan(world.Stage("any")), events) == IdList{1, 2});
    CHECK(RunIds(world, EventPlan(world.Stage("file")), events) == IdList{2});
}

TEST_CASE("numeric category values match their text") {
    World world;
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "", {{"event.category", Int(42)}})};
    CHECK(RunIds(world, EventPlan(world.Stage("42")), events) == IdList{1});
}

TEST_CASE("condition filters events") {
    World world;
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "process", {{"tag", Str("x")}}),
                                    world.Make(2, 2 * kMs, "process", {{"tag", Str("y")}})};
    auto plan = EventPlan(world.Stage("process", world.Has("tag", "y")));
    CHECK(RunIds(world, plan, events) == IdList{2});
}

TEST_CASE("events without timestamp are left out of event queries") {
    World world;
    std::vector<EventPtr> events = {world.MakeUntimed(1, "process"),
                                    world.Make(2, 2 * kMs, "process")};
    CHECK(RunIds(world, EventPlan(world.Stage("process")), events) == IdList{2});
}

TEST_CASE("event query matches carry no join keys") {
    World world;
    std::vector<eql::Match> matches =
        RunPlans({EventPlan(world.Stage("process"))}, {world.Make(1, 1 * kMs, "process")});
    REQUIRE(matches.size() == 1);
    CHECK(!matches[0].has_join_keys);
    CHECK(matches[0].join_keys.empty());
    CHECK(matches[0].query == 0);
}

TEST_CASE("several plans share one run") {
    World world;
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.Make(2, 2 * kMs, "b"),
                                    world.Make(3, 3 * kMs, "a")};
    auto events_a = EventPlan(world.Stage("a"));
    auto sequence = SequencePlan({world.Stage("a"), world.Stage("b")});
    auto sample = SamplePlan({world.Stage("a"), world.Stage("b")});
    std::vector<eql::Match> matches = RunPlans({events_a, sequence, sample}, events);

    std::vector<std::vector<int64_t>> per_query(3);
    uint32_t id_slot = world.Slot("id");
    for (const eql::Match& match : matches) {
        REQUIRE(match.query < 3);
        for (const EventPtr& event : match.events) {
            per_query[match.query].push_back(IdOf(event, id_slot));
        }
    }
    CHECK(per_query[0] == IdList{1, 3});
    CHECK(per_query[1] == IdList{1, 2});
    CHECK(per_query[2] == IdList{1, 2});
}

TEST_CASE("plans on different clocks order events separately") {
    World world;
    uint32_t second_clock = world.layout.AddClock(eql::ClockSpec{"event.ingested", "", ""});
    REQUIRE(second_clock == 1);

    // Clock 0 orders 1 before 2; clock 1 orders 2 before 1, and event 3 has only clock 0.
    auto with_clocks = [&world](int64_t id, int64_t first_ns, std::optional<int64_t> second_ns) {
        auto event = std::make_shared<eql::Event>(*world.Make(id, first_ns, "a"));
        eql::Ordinal ordinal;
        ordinal.has_timestamp = second_ns.has_value();
        ordinal.timestamp_ns = second_ns.value_or(0);
        event->ordinals.push_back(ordinal);
        return EventPtr(event);
    };
    std::vector<EventPtr> events = {with_clocks(1, 1 * kMs, 9 * kMs),
                                    with_clocks(2, 2 * kMs, 5 * kMs),
                                    with_clocks(3, 3 * kMs, std::nullopt)};
    auto on_first = EventPlan(world.Stage("a"));
    auto on_second = EventPlan(world.Stage("a"));
    on_second->clock = 1;

    CHECK(RunIds(world, on_first, events) == IdList{1, 2, 3});
    CHECK(RunIds(world, on_second, events) == IdList{2, 1});
}

TEST_CASE("finish twice delivers once") {
    World world;
    std::vector<std::shared_ptr<const eql::Plan>> plans = {EventPlan(world.Stage("a"))};
    int delivered = 0;
    eql::Runner runner(plans, {}, [&delivered](const eql::Match&) { ++delivered; });
    runner.Push(world.Make(1, 1 * kMs, "a"));
    runner.Finish();
    runner.Finish();
    runner.Push(world.Make(2, 2 * kMs, "a"));
    CHECK(delivered == 1);
}

TEST_CASE("null plans and null events are skipped") {
    World world;
    std::vector<std::shared_ptr<const eql::Plan>> plans = {nullptr, EventPlan(world.Stage("a"))};
    std::vector<uint32_t> queries;
    eql::Runner runner(plans, {}, [&queries](const eql::Match& match) {
        queries.push_back(match.query);
    });
    runner.Push(nullptr);
    runner.Push(world.Make(1, 1 * kMs, "a"));
    runner.Finish();
    CHECK(queries == std::vector<uint32_t>{1});
}

}  // TEST_SUITE
