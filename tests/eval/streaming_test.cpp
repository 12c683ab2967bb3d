// The streaming runner: a reorder window gives the same matches as sorting everything, an event
// older than the window is reported per clock, sorted clocks take any order, and the counts
// of held events and of events per stage.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;

namespace {

// Per query, the ids of its matches' events in delivery order.
std::vector<std::vector<int64_t>> IdsPerQuery(World& world, size_t queries,
                                              const std::vector<eql::Match>& matches) {
    std::vector<std::vector<int64_t>> ids(queries);
    for (const eql::Match& match : matches) {
        REQUIRE(match.query < queries);
        for (int64_t id : MatchIds(world, {match})) {
            ids[match.query].push_back(id);
        }
    }
    return ids;
}

// 600 events over three categories and four keys, 1 to 3 ms apart, some on equal timestamps.
std::vector<EventPtr> MakeStream(World& world) {
    std::mt19937 random(7);
    std::vector<EventPtr> events;
    int64_t now = 0;
    const char* categories[] = {"a", "b", "c"};
    for (int64_t id = 0; id < 600; ++id) {
        now += static_cast<int64_t>(random() % 3) * kMs;
        std::string key = "k" + std::to_string(random() % 4);
        events.push_back(world.Make(id, now, categories[random() % 3],
                                    {{"key", {Value(key)}}}));
    }
    return events;
}

// Swaps each event with one at most `distance` places later, so no event moves further.
std::vector<EventPtr> ShuffleLocally(std::vector<EventPtr> events, size_t distance) {
    std::mt19937 random(11);
    for (size_t i = 0; i + 1 < events.size(); i += distance) {
        size_t end = std::min(events.size(), i + distance);
        std::shuffle(events.begin() + static_cast<std::ptrdiff_t>(i),
                     events.begin() + static_cast<std::ptrdiff_t>(end), random);
    }
    return events;
}

std::vector<std::shared_ptr<eql::Plan>> MixedPlans(World& world) {
    uint32_t id_slot = world.Slot("id");
    auto every_seventh = [id_slot](const eql::Event& event) {
        return std::get<int64_t>(event.fields[id_slot].front()) % 7 == 0;
    };
    auto events_b = EventPlan(world.Stage("b"));
    auto sequence = SequencePlan({world.Stage("a", {}, {"key"}), world.Stage("b", {}, {"key"}),
                                  world.Stage("c", {}, {"key"})},
                                 20 * kMs, world.Stage("c", every_seventh, {"key"}));
    auto with_missing = SequencePlan({world.Stage("a", {}, {"key"}),
                                      world.Missing(world.Stage("b", {}, {"key"})),
                                      world.Stage("c", {}, {"key"})},
                                     30 * kMs);
    auto sample = SamplePlan({world.Stage("a", {}, {"key"}), world.Stage("c", {}, {"key"})});
    return {events_b, sequence, with_missing, sample};
}

}  // namespace

TEST_SUITE("eval streaming") {

TEST_CASE("window gives the matches of a full sort") {
    World world;
    std::vector<EventPtr> sorted = MakeStream(world);
    auto plans = MixedPlans(world);
    std::vector<eql::Match> expected = RunPlans(plans, sorted);
    std::vector<std::vector<int64_t>> expected_ids = IdsPerQuery(world, 4, expected);
    REQUIRE(!expected_ids[0].empty());
    REQUIRE(!expected_ids[1].empty());
    REQUIRE(!expected_ids[2].empty());
    REQUIRE(!expected_ids[3].empty());

    eql::RunOptions streaming;
    streaming.reorder_window = 64;
    std::vector<EventPtr> shuffled = ShuffleLocally(sorted, 32);
    REQUIRE(shuffled != sorted);
    CHECK(IdsPerQuery(world, 4, RunPlans(plans, sorted, streaming)) == expected_ids);
    CHECK(IdsPerQuery(world, 4, RunPlans(plans, shuffled, streaming)) == expected_ids);
    CHECK(IdsPerQuery(world, 4, RunPlans(plans, shuffled)) == expected_ids);
}

TEST_CASE("full shuffle with sorting gives the same matches") {
    World world;
    std::vector<EventPtr> sorted = MakeStream(world);
    auto plans = MixedPlans(world);
    std::vector<std::vector<int64_t>> expected = IdsPerQuery(world, 4, RunPlans(plans, sorted));

    std::vector<EventPtr> shuffled = sorted;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
    CHECK(IdsPerQuery(world, 4, RunPlans(plans, shuffled)) == expected);
}

TEST_CASE("event older than the window marks its clock") {
    World world;
    std::vector<std::shared_ptr<const eql::Plan>> plans = {EventPlan(world.Stage("a"))};
    eql::RunOptions options;
    options.reorder_window = 2;
    std::vector<int64_t> delivered;
    uint32_t id_slot = world.Slot("id");
    eql::Runner runner(plans, options, [&](const eql::Match& match) {
        delivered.push_back(IdOf(match.events.front(), id_slot));
    });
    for (int64_t id = 1; id <= 5; ++id) {
        runner.Push(world.Make(id, id * kMs, "a"));
    }
    CHECK(runner.DisorderedClocks().empty());
    CHECK(delivered == IdList{1, 2, 3});

    runner.Push(world.Make(6, 2 * kMs, "a"));
    CHECK(runner.DisorderedClocks() == std::vector<uint32_t>{0});
    runner.Push(world.Make(7, 9 * kMs, "a"));
    runner.Finish();
    CHECK(delivered == IdList{1, 2, 3});
}

TEST_CASE("late event within the window is put in place") {
    World world;
    std::vector<EventPtr> events = {world.Make(1, 1 * kMs, "a"), world.Make(2, 3 * kMs, "a"),
                                    world.Make(3, 4 * kMs, "a"), world.Make(4, 2 * kMs, "a")};
    eql::RunOptions options;
    options.reorder_window = 2;
    CHECK(RunIds(world, EventPlan(world.Stage("a")), events, options) == IdList{1, 4, 2, 3});
}

TEST_CASE("sorted clock takes reversed input") {
    World world;
    std::vector<EventPtr> events;
    for (int64_t id = 10; id >= 1; --id) {
        events.push_back(world.Make(id, id * kMs, "a"));
    }
    eql::RunOptions options;
    options.reorder_window = 2;
    options.sorted_clocks = {0};
    CHECK(RunIds(world, EventPlan(world.Stage("a")), events, options) ==
          IdList{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
}

TEST_CASE("only events passing a stage are held") {
    World world;
    std::vector<std::shared_ptr<const eql::Plan>> plans = {EventPlan(world.Stage("a"))};
    eql::Runner runner(plans, {}, [](const eql::Match&) {});
    runner.Push(world.Make(1, 1 * kMs, "a"));
    runner.Push(world.Make(2, 2 * kMs, "b"));
    runner.Push(world.Make(3, 3 * kMs, "a"));
    runner.Push(world.Make(4, 4 * kMs, "c"));
    eql::RunStats stats = runner.Stats();
    CHECK(stats.events == 4);
    CHECK(stats.events_passing_no_stage == 2);
    CHECK(stats.held_events_peak == 2);
    runner.Finish();
}

TEST_CASE("stage counts count passing events per stage") {
    World world;
    auto sequence = SequencePlan({world.Stage("a"), world.Stage("b"), world.Stage("any")}, {},
                                 world.Stage("c"));
    std::vector<std::shared_ptr<const eql::Plan>> plans = {sequence};
    eql::Runner runner(plans, {}, [](const eql::Match&) {});
    const char* categories[] = {"a", "b", "b", "c", "d"};
    int64_t id = 0;
    for (const char* category : categories) {
        ++id;
        runner.Push(world.Make(id, id * kMs, category));
    }
    runner.Finish();
    std::vector<std::vector<uint64_t>> counts = runner.StageCounts();
    REQUIRE(counts.size() == 1);
    CHECK(counts[0] == std::vector<uint64_t>{1, 2, 5, 1});
}

TEST_CASE("plans with more stages than hit bits still match") {
    World world;
    std::vector<eql::plan::StageNode> stages;
    for (int i = 0; i < 70; ++i) {
        stages.push_back(world.Stage("a", {}, {"key"}));
    }
    auto plan = SequencePlan(stages);
    std::vector<EventPtr> events;
    for (int64_t id = 0; id < 70; ++id) {
        events.push_back(world.Make(id, id * kMs, "a", {{"key", {Value("k")}}}));
    }
    std::vector<int64_t> ids = RunIds(world, plan, events);
    REQUIRE(ids.size() == 70);
    CHECK(ids.front() == 0);
    CHECK(ids.back() == 69);
}

TEST_CASE("stage filter records passes and drops the rest") {
    World world;
    auto events_a = EventPlan(world.Stage("a"));
    auto sequence = SequencePlan({world.Stage("b"), world.Stage("a")}, {}, world.Stage("c"));
    std::vector<std::shared_ptr<const eql::Plan>> plans = {events_a, sequence};
    std::unique_ptr<eql::EventFilter> filter = eql::MakeStageFilters(plans)();

    auto event_a = std::make_shared<eql::Event>(*world.Make(1, 1 * kMs, "a"));
    REQUIRE(filter->Keep(*event_a));
    CHECK(event_a->routed);
    REQUIRE(event_a->passes.size() == 2);
    CHECK(event_a->passes[0].plan == 0);
    CHECK(event_a->passes[0].bits == 1);
    CHECK(event_a->passes[1].plan == 1);
    CHECK(event_a->passes[1].bits == 2);

    auto event_c = std::make_shared<eql::Event>(*world.Make(2, 2 * kMs, "c"));
    REQUIRE(filter->Keep(*event_c));
    REQUIRE(event_c->passes.size() == 1);
    CHECK(event_c->passes[0].bits == 4);

    auto event_d = std::make_shared<eql::Event>(*world.Make(3, 3 * kMs, "d"));
    CHECK_FALSE(filter->Keep(*event_d));
}

TEST_CASE("stage filter skips stages lacking a literal") {
    World world;
    eql::plan::StageNode stage = world.Stage("a");
    stage.required_literals.exact = {"needle"};
    std::vector<std::shared_ptr<const eql::Plan>> plans = {EventPlan(stage)};
    std::unique_ptr<eql::EventFilter> filter = eql::MakeStageFilters(plans)();

    auto without = std::make_shared<eql::Event>(*world.Make(1, 1 * kMs, "a"));
    without->source = R"({"x":"hay"})";
    CHECK_FALSE(filter->Keep(*without));

    auto with = std::make_shared<eql::Event>(*world.Make(2, 2 * kMs, "a"));
    with->source = R"({"x":"a needle"})";
    CHECK(filter->Keep(*with));
}

TEST_CASE("routed events keep only key fields") {
    World world;
    std::vector<std::shared_ptr<const eql::Plan>> plans = {
        SequencePlan({world.Stage("a", {}, {"user"}), world.Stage("b", {}, {"user"})})};
    std::unique_ptr<eql::EventFilter> filter = eql::MakeStageFilters(plans)();

    auto event = std::make_shared<eql::Event>(
        *world.Make(1, 1 * kMs, "a", {{"user", {Value(std::string("alice"))}}}));
    REQUIRE(filter->Keep(*event));
    REQUIRE(event->fields[world.Slot("user")].size() == 1);
    CHECK(std::get<std::string>(event->fields[world.Slot("user")][0]) == "alice");
    CHECK(event->fields[world.Slot("id")].empty());
    CHECK(event->fields[world.Slot("event.category")].empty());
}

TEST_CASE("routed events keep all fields past 63 stages") {
    World world;
    std::vector<eql::plan::StageNode> stages(64, world.Stage("a"));
    std::vector<std::shared_ptr<const eql::Plan>> plans = {SequencePlan(stages)};
    std::unique_ptr<eql::EventFilter> filter = eql::MakeStageFilters(plans)();

    auto event = std::make_shared<eql::Event>(*world.Make(1, 1 * kMs, "a"));
    REQUIRE(filter->Keep(*event));
    REQUIRE(event->fields[world.Slot("id")].size() == 1);
    CHECK(std::get<int64_t>(event->fields[world.Slot("id")][0]) == 1);
}

TEST_CASE("routed events count their stages") {
    World world;
    std::vector<std::shared_ptr<const eql::Plan>> plans = {
        SequencePlan({world.Stage("a"), world.Stage("b")})};
    std::unique_ptr<eql::EventFilter> filter = eql::MakeStageFilters(plans)();
    std::vector<int64_t> ids;
    eql::Runner runner(plans, {}, [&](const eql::Match& match) {
        // The filter drops the `id` field, which no key reads, so the id comes from the time.
        for (const EventPtr& event : match.events) {
            ids.push_back(event->ordinals[0].timestamp_ns / kMs);
        }
    });
    for (auto [id, category] : {std::pair<int64_t, const char*>{1, "a"}, {2, "x"}, {3, "b"}}) {
        auto event = std::make_shared<eql::Event>(*world.Make(id, id * kMs, category));
        if (filter->Keep(*event)) {
            runner.Push(event);
        }
    }
    runner.Finish();
    CHECK(ids == IdList{1, 3});
    CHECK(runner.StageCounts() == std::vector<std::vector<uint64_t>>{{1, 1, 0}});
    CHECK(runner.Stats().events == 2);
}

}  // TEST_SUITE
