// Samples on hand-built plans: tuples present in every filter, ascending tuple order,
// distinct events per sample, max_samples_per_key, size, and null and multi-valued keys.
#include <doctest/doctest.h>

#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;

TEST_SUITE("eval sample") {

TEST_CASE("only tuples present in every filter are sampled") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"host"}), world.Stage("b", {}, {"host"})});
    std::vector<EventPtr> events = {
        world.Make(1, 0, "a", {{"host", Str("h1")}}),
        world.Make(2, 0, "a", {{"host", Str("h2")}}),
        world.Make(3, 0, "b", {{"host", Str("h2")}}),
        world.Make(4, 0, "b", {{"host", Str("h3")}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{2, 3});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"h2"});
}

TEST_CASE("tuples come in ascending order") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"?host", "?os"}),
                            world.Stage("b", {}, {"?host", "?os"})});
    std::vector<EventPtr> events = {
        world.Make(1, 0, "a", {{"host", Str("doom")}, {"os", Str("win10")}}),
        world.Make(2, 0, "b", {{"host", Str("doom")}, {"os", Str("win10")}}),
        world.Make(3, 0, "a", {{"host", Str("doom")}}),
        world.Make(4, 0, "b", {{"host", Str("doom")}}),
        world.Make(5, 0, "a", {{"host", Str("GTA")}}),
        world.Make(6, 0, "b", {{"host", Str("GTA")}}),
        world.Make(7, 0, "a", {{"os", Str("x")}}),
        world.Make(8, 0, "b", {{"os", Str("x")}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    // Null first, and uppercase before lowercase in byte order.
    CHECK(MatchIds(world, matches) == IdList{7, 8, 5, 6, 3, 4, 1, 2});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"null", "x", "GTA", "null", "doom",
                                                        "null", "doom", "win10"});
}

TEST_CASE("numbers and booleans order by value") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})});
    std::vector<EventPtr> events = {
        world.Make(1, 0, "a", {{"k", Int(10)}}),  world.Make(2, 0, "b", {{"k", Int(10)}}),
        world.Make(3, 0, "a", {{"k", Int(9)}}),   world.Make(4, 0, "b", {{"k", Int(9)}}),
        world.Make(5, 0, "a", {{"k", {Value(true)}}}),
        world.Make(6, 0, "b", {{"k", {Value(true)}}}),
        world.Make(7, 0, "a", {{"k", {Value(false)}}}),
        world.Make(8, 0, "b", {{"k", {Value(false)}}}),
    };
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(JoinKeys(matches) == std::vector<std::string>{"false", "true", "9", "10"});
}

TEST_CASE("one event is never used twice in a sample") {
    World world;
    auto plan = SamplePlan({world.Stage("any", {}, {"host"}), world.Stage("any", {}, {"host"}),
                            world.Stage("any", world.Has("tag", "x"), {"host"})});
    // Event 1 passes all three filters, event 2 the first two, event 3 only the first two.
    std::vector<EventPtr> events = {
        world.Make(1, 0, "e", {{"host", Str("h")}, {"tag", Str("x")}}),
        world.Make(2, 0, "e", {{"host", Str("h")}}),
        world.Make(3, 0, "e", {{"host", Str("h")}}),
    };
    CHECK(RunIds(world, plan, events) == IdList{2, 3, 1});
}

TEST_CASE("no distinct choice means no sample") {
    World world;
    auto plan = SamplePlan({world.Stage("any", {}, {"host"}), world.Stage("any", {}, {"host"})});
    std::vector<EventPtr> events = {world.Make(1, 0, "e", {{"host", Str("h")}})};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("max_samples_per_key enumerates with the first filter slowest") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"os"}), world.Stage("b", {}, {"os"})});
    std::vector<EventPtr> events = {
        world.Make(1, 0, "a", {{"os", Str("win")}}), world.Make(2, 0, "a", {{"os", Str("win")}}),
        world.Make(3, 0, "b", {{"os", Str("win")}}), world.Make(4, 0, "a", {{"os", Str("win")}}),
        world.Make(5, 0, "b", {{"os", Str("win")}}), world.Make(6, 0, "b", {{"os", Str("lin")}}),
        world.Make(7, 0, "a", {{"os", Str("lin")}}),
    };
    eql::RunOptions one;
    CHECK(RunIds(world, plan, events, one) == IdList{7, 6, 1, 3});

    eql::RunOptions three;
    three.max_samples_per_key = 3;
    CHECK(RunIds(world, plan, events, three) == IdList{7, 6, 1, 3, 1, 5, 2, 3});

    eql::RunOptions many;
    many.max_samples_per_key = 100;
    CHECK(RunIds(world, plan, events, many) ==
          IdList{7, 6, 1, 3, 1, 5, 2, 3, 2, 5, 4, 3, 4, 5});
}

TEST_CASE("each filter keeps filters times max_samples_per_key events") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})});
    std::vector<EventPtr> events;
    for (int64_t id = 1; id <= 5; ++id) {
        events.push_back(world.Make(id, 0, "a", {{"k", Str("v")}}));
    }
    events.push_back(world.Make(6, 0, "b", {{"k", Str("v")}}));
    eql::RunOptions options;
    options.max_samples_per_key = 10;
    // Two filters and max 10 keep up to 20 per filter, so all five a events appear.
    CHECK(RunIds(world, plan, events, options) == IdList{1, 6, 2, 6, 3, 6, 4, 6, 5, 6});
}

TEST_CASE("size limits samples from the first tuple on") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})});
    std::vector<EventPtr> events;
    for (int64_t k = 0; k < 4; ++k) {
        events.push_back(world.Make(10 + k, 0, "a", {{"k", Int(k)}}));
        events.push_back(world.Make(20 + k, 0, "b", {{"k", Int(k)}}));
    }
    eql::RunOptions two;
    two.size = 2;
    CHECK(RunIds(world, plan, events, two) == IdList{10, 20, 11, 21});

    eql::RunOptions none;
    none.size = 0;
    CHECK(RunIds(world, plan, events, none).empty());
}

TEST_CASE("null required key excludes the event") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})});
    std::vector<EventPtr> events = {world.Make(1, 0, "a"), world.Make(2, 0, "b")};
    CHECK(RunIds(world, plan, events).empty());
}

TEST_CASE("optional keys treat null as a value") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"?x", "?y"}),
                            world.Stage("b", {}, {"?x", "?z"})});
    std::vector<EventPtr> events = {world.Make(1, 0, "a"), world.Make(2, 0, "b")};
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 2});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"null", "null"});
}

TEST_CASE("multi-valued keys sample each value") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"tags"}), world.Stage("b", {}, {"tags"})});
    std::vector<EventPtr> events = {world.Make(1, 0, "a", {{"tags", Strings({"t2", "t1"})}}),
                                    world.Make(2, 0, "b", {{"tags", Strings({"t1", "t2"})}})};
    std::vector<eql::Match> matches = RunPlans({plan}, events);
    CHECK(MatchIds(world, matches) == IdList{1, 2, 1, 2});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"t1", "t2"});
}

TEST_CASE("samples take events without a timestamp in input order") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})});
    // Input order decides: event 2 comes first although its timestamp is later.
    EventPtr first = world.Make(2, 50 * kMs, "a", {{"k", Int(1)}});
    EventPtr second = world.MakeUntimed(1, "a", {{"k", Int(1)}});
    EventPtr third = world.MakeUntimed(3, "b", {{"k", Int(1)}});
    CHECK(RunIds(world, plan, {third, second, first}) == IdList{2, 3});
}

}  // TEST_SUITE
