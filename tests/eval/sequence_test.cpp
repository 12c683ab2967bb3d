// Sequence matching on hand-built plans: the state machine's consequences, maxspan, ordering
// on equal timestamps, join keys (null, optional, multi-valued), until and runs.
#include <doctest/doctest.h>

#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;
using eql::plan::StageNode;

TEST_SUITE("eval sequence") {

TEST_CASE("most recent start wins") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.Make(2, 2 * kMs, "a"),
                                    world.Make(3, 3 * kMs, "b")};
    CHECK(RunIds(world, plan, events) == IdList{2, 3});
}

TEST_CASE("completed state is consumed") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.Make(2, 2 * kMs, "b"),
                                    world.Make(3, 3 * kMs, "b")};
    CHECK(RunIds(world, plan, events) == IdList{1, 2});
}

TEST_CASE("one event extends one sequence and starts another") {
    World world;
    auto plan = SequencePlan({world.Stage("any"), world.Stage("any")});
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "x"), world.Make(2, 2 * kMs, "x"),
                                    world.Make(3, 3 * kMs, "x")};
    CHECK(RunIds(world, plan, events) == IdList{1, 2, 2, 3});
}

TEST_CASE("three any stages never advance one sequence twice") {
    World world;
    auto plan = SequencePlan({world.Stage("any"), world.Stage("any"), world.Stage("any")});
    std::vector<EventPtr> events;
    for (int64_t id = 1; id <= 5; ++id) {
        events.push_back(world.Make(id, id * kMs, "x"));
    }
    CHECK(RunIds(world, plan, events) == IdList{1, 2, 3, 2, 3, 4, 3, 4, 5});
}

TEST_CASE("condition on a middle stage limits the chains") {
    World world;
    uint32_t id_slot = world.Slot("id");
    auto small_id = [id_slot](const eql::Event& event) {
        return std::get<int64_t>(event.fields[id_slot].front()) <= 3;
    };
    auto plan = SequencePlan({world.Stage("any"), world.Stage("any", small_id),
                              world.Stage("any")});
    std::vector<EventPtr> events;
    for (int64_t id = 1; id <= 6; ++id) {
        events.push_back(world.Make(id, id * kMs, "x"));
    }
    CHECK(RunIds(world, plan, events) == IdList{1, 2, 3, 2, 3, 4});
}

TEST_CASE("maxspan of exactly the span matches") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")}, 10 * kSecond);
    std::vector<EventPtr> events = {world.Make(1, 0, "a"), world.Make(2, 10 * kSecond, "b")};
    CHECK(RunIds(world, plan, events) == IdList{1, 2});
}

TEST_CASE("maxspan one nanosecond short rejects") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")}, 10 * kSecond);
    std::vector<EventPtr> events = {world.Make(1, 0, "a"), world.Make(2, 10 * kSecond + 1, "b")};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("maxspan is measured from the first event") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b"), world.Stage("c")}, 10 * kSecond);
    std::vector<EventPtr> events = {world.Make(1, 0, "a"), world.Make(2, 6 * kSecond, "b"),
                                    world.Make(3, 11 * kSecond, "c")};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("maxspan rejection leaves later sequences alone") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b"), world.Stage("c")}, 10 * kSecond);
    // b2 takes [a1] and maxspan rejects it; a4 then starts afresh and completes.
    std::vector<EventPtr> events = {world.Make(1, 0, "a"), world.Make(2, 11 * kSecond, "b"),
                                    world.Make(3, 12 * kSecond, "c"),
                                    world.Make(4, 13 * kSecond, "a"),
                                    world.Make(5, 14 * kSecond, "b"),
                                    world.Make(6, 15 * kSecond, "c")};
    CHECK(RunIds(world, plan, events) == IdList{4, 5, 6});
}

TEST_CASE("maxspan of zero means no limit") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")}, 0);
    std::vector<EventPtr> events = {world.Make(1, 0, "a"), world.Make(2, 100 * kMinute, "b")};
    CHECK(RunIds(world, plan, events) == IdList{1, 2});
}

TEST_CASE("stale pending sequences expire without changing results") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})},
                             5 * kSecond);
    // Many keys start and are never finished, so the sweeps run; the last pair still matches.
    std::vector<EventPtr> events;
    for (int64_t i = 0; i < 500; ++i) {
        events.push_back(world.Make(i, i * kSecond, "a", {{"k", Int(i)}}));
    }
    events.push_back(world.Make(1000, 499 * kSecond + 5 * kSecond, "b", {{"k", Int(499)}}));
    events.push_back(world.Make(1001, 499 * kSecond + 6 * kSecond, "b", {{"k", Int(498)}}));
    CHECK(RunIds(world, plan, events) == IdList{499, 1000});
}

TEST_CASE("equal timestamps order by tiebreaker") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    // The b event comes first in the input but has the larger tiebreaker.
    std::vector<EventPtr> events = {world.Make(2, 5 * kMs, "b", {}, Value(int64_t{20})),
                                    world.Make(1, 5 * kMs, "a", {}, Value(int64_t{10}))};
    CHECK(RunIds(world, plan, events) == IdList{1, 2});
}

TEST_CASE("equal timestamps with a smaller tiebreaker cannot follow") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    std::vector<EventPtr> events = {world.Make(1, 5 * kMs, "a", {}, Value(int64_t{20})),
                                    world.Make(2, 5 * kMs, "b", {}, Value(int64_t{10}))};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("equal timestamps without tiebreaker follow input order") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    std::vector<EventPtr> in_order = {world.Make(1, 5 * kMs, "a"), world.Make(2, 5 * kMs, "b")};
    CHECK(RunIds(world, plan, in_order) == IdList{1, 2});

    std::vector<EventPtr> reversed = {world.Make(4, 5 * kMs, "b"), world.Make(3, 5 * kMs, "a")};
    CHECK(RunIds(world, plan, reversed).empty());
}

TEST_CASE("events with a tiebreaker precede those without") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    std::vector<EventPtr> events = {world.Make(1, 5 * kMs, "a"),
                                    world.Make(2, 5 * kMs, "b", {}, Value(int64_t{1}))};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("events arriving out of order are sorted") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    std::vector<EventPtr> events = {world.Make(3, 3 * kMs, "b"), world.Make(1, 1 * kMs, "a"),
                                    world.Make(2, 2 * kMs, "a")};
    CHECK(RunIds(world, plan, events) == IdList{2, 3});
}

TEST_CASE("events without timestamp take no part and are counted") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")});
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.MakeUntimed(2, "a"),
                                    world.Make(3, 3 * kMs, "b")};
    std::vector<std::shared_ptr<const eql::Plan>> plans = {plan};
    std::vector<eql::Match> matches;
    eql::Runner runner(plans, {}, [&matches](const eql::Match& match) {
        matches.push_back(match);
    });
    for (const EventPtr& event : events) {
        runner.Push(event);
    }
    runner.Finish();
    CHECK(MatchIds(world, matches) == IdList{1, 3});
    CHECK(runner.Stats().events == 3);
    CHECK(runner.Stats().events_without_timestamp == 1);
}

TEST_CASE("stage keys match by position") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"pid"}), world.Stage("b", {}, {"ppid"})});
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a", {{"pid", Int(7)}}),
        world.Make(2, 2 * kMs, "b", {{"ppid", Int(8)}, {"pid", Int(7)}}),
        world.Make(3, 3 * kMs, "b", {{"ppid", Int(7)}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 3});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"7"});
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].has_join_keys);
}

TEST_CASE("key values compare with type") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})});
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a", {{"k", Str("7")}}),
        world.Make(2, 2 * kMs, "b", {{"k", Int(7)}}),
        world.Make(3, 3 * kMs, "a", {{"k", Str("Host")}}),
        world.Make(4, 4 * kMs, "b", {{"k", Str("host")}}),
        world.Make(5, 5 * kMs, "a", {{"k", Int(2)}}),
        world.Make(6, 6 * kMs, "b", {{"k", {Value(2.0)}}}),
    };
    CHECK(RunIds(world, plan, events) == IdList{5, 6});
}

TEST_CASE("null non-optional key takes no part") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})});
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.Make(2, 2 * kMs, "b"),
                                    world.Make(3, 3 * kMs, "a", {{"k", Str("x")}}),
                                    world.Make(4, 4 * kMs, "b")};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("null optional key joins null") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"?k"}), world.Stage("b", {}, {"?k"})});
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"),
                                    world.Make(2, 2 * kMs, "b", {{"k", Str("x")}}),
                                    world.Make(3, 3 * kMs, "b")};
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 3});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"null"});
}

TEST_CASE("optional and required keys mix") {
    World world;
    // sequence by ?x, id-like required key `t`: a missing `t` excludes, a missing `x` is null.
    auto plan = SequencePlan({world.Stage("a", {}, {"?x", "t", "?x"}),
                              world.Stage("b", {}, {"?x", "t", "?y"})});
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a", {{"t", Int(5)}}),
                                    world.Make(2, 2 * kMs, "b"),
                                    world.Make(3, 3 * kMs, "b", {{"t", Int(5)}})};
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 3});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"null", "5", "null"});
}

TEST_CASE("an array of nulls is a missing key") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"?k"}), world.Stage("a", {}, {"?k"})});
    // Readers drop JSON nulls, so [null] arrives as no value and [v, null] as [v].
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a", {{"k", Str("v")}}),
                                    world.Make(2, 1 * kMs, "a", {{"k", {}}}),
                                    world.Make(3, 2 * kMs, "a")};
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{2, 3});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"null"});
}

TEST_CASE("multi-valued key joins each value") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"tags"}), world.Stage("b", {}, {"tags"})});
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a", {{"tags", Strings({"t1", "t2"})}}),
        world.Make(2, 2 * kMs, "a", {{"tags", Strings({"t3", "t4"})}}),
        world.Make(3, 3 * kMs, "b", {{"tags", Strings({"t4", "t1", "t3"})}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 3, 2, 3, 2, 3});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"t1", "t3", "t4"});
}

TEST_CASE("several multi-valued keys give their product") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"tags", "items"}),
                              world.Stage("b", {}, {"tags", "items"})});
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a",
                   {{"tags", Strings({"t2", "t1"})}, {"items", Strings({"i1", "i2", "i3"})}}),
        world.Make(2, 2 * kMs, "b",
                   {{"tags", Strings({"t1", "t2"})}, {"items", Strings({"i0", "i2", "i1"})}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 2, 1, 2, 1, 2, 1, 2});
    CHECK(JoinKeys(matches) ==
          std::vector<std::string>{"t1", "i1", "t1", "i2", "t2", "i1", "t2", "i2"});
}

TEST_CASE("duplicate key values count once") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"tags"}), world.Stage("b", {}, {"tags"})});
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a", {{"tags", Strings({"t1", "t1", "t2"})}}),
        world.Make(2, 2 * kMs, "b", {{"tags", Strings({"t1", "t2", "t2"})}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 2, 1, 2});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"t1", "t2"});
}

TEST_CASE("interleaved keys order by completing event") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"}),
                              world.Stage("c", {}, {"k"})});
    // Key x starts first but completes last.
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a", {{"k", Str("x")}}),
        world.Make(2, 2 * kMs, "a", {{"k", Str("y")}}),
        world.Make(3, 3 * kMs, "b", {{"k", Str("y")}}),
        world.Make(4, 4 * kMs, "c", {{"k", Str("y")}}),
        world.Make(5, 5 * kMs, "b", {{"k", Str("x")}}),
        world.Make(6, 6 * kMs, "a", {{"k", Str("z")}}),
        world.Make(7, 7 * kMs, "b", {{"k", Str("z")}}),
        world.Make(8, 8 * kMs, "c", {{"k", Str("z")}}),
        world.Make(9, 9 * kMs, "c", {{"k", Str("x")}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{2, 3, 4, 6, 7, 8, 1, 5, 9});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"y", "z", "x"});
}

TEST_CASE("until cancels pending sequences of its key") {
    World world;
    auto until = world.Stage("u", {}, {"k"});
    auto plan = SequencePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})}, {},
                             until);
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a", {{"k", Str("x")}}),
        world.Make(2, 2 * kMs, "a", {{"k", Str("y")}}),
        world.Make(3, 3 * kMs, "u", {{"k", Str("x")}}),
        world.Make(4, 4 * kMs, "b", {{"k", Str("x")}}),
        world.Make(5, 5 * kMs, "b", {{"k", Str("y")}}),
    };
    CHECK(RunIds(world, plan, events) == IdList{2, 5});
}

TEST_CASE("until before the sequence has no effect") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")}, {}, world.Stage("u"));
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "u"), world.Make(2, 2 * kMs, "a"),
                                    world.Make(3, 3 * kMs, "b")};
    CHECK(RunIds(world, plan, events) == IdList{2, 3});
}

TEST_CASE("until on the completing event lets it complete") {
    World world;
    auto until = world.Stage("any", world.Has("tag", "stop"));
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")}, {}, until);
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"),
                                    world.Make(2, 2 * kMs, "b", {{"tag", Str("stop")}})};
    CHECK(RunIds(world, plan, events) == IdList{1, 2});
}

TEST_CASE("until on an extending event stops further growth") {
    World world;
    auto until = world.Stage("any", world.Has("tag", "stop"));
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b"), world.Stage("c")}, {}, until);
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"),
                                    world.Make(2, 2 * kMs, "b", {{"tag", Str("stop")}}),
                                    world.Make(3, 3 * kMs, "c")};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("until event never appears and completed sequences stand") {
    World world;
    auto plan = SequencePlan({world.Stage("a"), world.Stage("b")}, {}, world.Stage("u"));
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.Make(2, 2 * kMs, "b"),
                                    world.Make(3, 3 * kMs, "u"), world.Make(4, 4 * kMs, "a"),
                                    world.Make(5, 5 * kMs, "u"), world.Make(6, 6 * kMs, "b")};
    CHECK(RunIds(world, plan, events) == IdList{1, 2});
}

TEST_CASE("until with a null required key cancels nothing") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"?k"}), world.Stage("b", {}, {"?k"})}, {},
                             world.Stage("u", {}, {"k"}));
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.Make(2, 2 * kMs, "u"),
                                    world.Make(3, 3 * kMs, "b")};
    CHECK(RunIds(world, plan, events) == IdList{1, 3});
}

TEST_CASE("runs copies act as separate stages") {
    World world;
    StageNode a = world.Stage("a", {}, {"k"});
    a.runs = 2;
    StageNode a2 = a;
    a2.run = 1;
    auto plan = SequencePlan({a, a2, world.Stage("b", {}, {"k"})});
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "a", {{"k", Int(1)}}),
        world.Make(2, 2 * kMs, "b", {{"k", Int(1)}}),
        world.Make(3, 3 * kMs, "a", {{"k", Int(1)}}),
        world.Make(4, 4 * kMs, "a", {{"k", Int(1)}}),
        world.Make(5, 5 * kMs, "b", {{"k", Int(1)}}),
    };
    CHECK(RunIds(world, plan, events) == IdList{3, 4, 5});
}

TEST_CASE("a category test accepts any value of the category field") {
    World world;
    auto plan = SequencePlan({world.Stage("process"), world.Stage("network")});
    std::vector<EventPtr> events = {
        world.Make(1, 1 * kMs, "", {{"event.category", Strings({"file", "process"})}}),
        world.Make(2, 2 * kMs, "", {{"event.category", Strings({"network", "host"})}}),
    };
    CHECK(RunIds(world, plan, events) == IdList{1, 2});
}

}  // TEST_SUITE
