// Plan::Dump on hand-built plans, and the duration format it uses.
#include <doctest/doctest.h>

#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;

TEST_SUITE("plan dump") {

TEST_CASE("sequence dump lists stages, until, pipes, clock and fields") {
    World world;
    eql::plan::StageNode first = world.Stage("process", {}, {"host.id", "process.entity_id"});
    first.condition_text = "process.name : \"net.exe\"";
    eql::plan::StageNode missing = world.Missing(world.Stage("any", {}, {"host.id", "?user.id"}));
    eql::plan::StageNode run = world.Stage("my-category", {}, {"host.id", "pid"});
    run.written_index = 2;
    run.runs = 2;
    eql::plan::StageNode run_copy = run;
    run_copy.run = 1;
    eql::plan::StageNode until = world.Stage("process", {}, {"host.id", "process.entity_id"});
    until.condition_text = "event.type == \"end\"";

    auto plan = SequencePlan({first, missing, run, run_copy}, 2 * kMinute, until,
                             {Head(5), Tail(2)});
    plan->shared_key_count = 1;
    plan->clock_spec = eql::ClockSpec{"event.ingested", "@timestamp", "event.sequence"};
    plan->slots_read = {0, 3};
    plan->fields_read = {"event.category", "host.id"};

    CHECK(plan->Dump() ==
          "sequence by host.id maxspan=2m\n"
          "  stage 0 positive: process where process.name : \"net.exe\" by host.id, "
          "process.entity_id\n"
          "  stage 1 missing: any where true by host.id, ?user.id\n"
          "  stage 2 positive run 1/2: \"my-category\" where true by host.id, pid\n"
          "  stage 3 positive run 2/2: \"my-category\" where true by host.id, pid\n"
          "  until: process where event.type == \"end\" by host.id, process.entity_id\n"
          "  pipe head 5\n"
          "  pipe tail 2\n"
          "  clock 0: timestamp event.ingested or @timestamp, tiebreaker event.sequence\n"
          "  reads: event.category#0 host.id#3\n");
}

TEST_CASE("event dump has one stage") {
    World world;
    auto plan = EventPlan(world.Stage("file"));
    plan->slots_read = {0};
    plan->fields_read = {"event.category"};
    CHECK(plan->Dump() ==
          "event\n"
          "  stage 0 positive: file where true\n"
          "  clock 0: timestamp @timestamp\n"
          "  reads: event.category#0\n");
}

TEST_CASE("sample dump names the shared keys") {
    World world;
    auto plan = SamplePlan({world.Stage("a", {}, {"host"}), world.Stage("b", {}, {"host"})});
    plan->shared_key_count = 1;
    CHECK(plan->Dump() ==
          "sample by host\n"
          "  stage 0 positive: a where true by host\n"
          "  stage 1 positive: b where true by host\n"
          "  clock 0: timestamp @timestamp\n"
          "  reads:\n");
}

TEST_CASE("durations print in the largest exact unit") {
    CHECK(eql::plan::FormatDuration(2 * kMinute) == "2m");
    CHECK(eql::plan::FormatDuration(90 * kSecond) == "90s");
    CHECK(eql::plan::FormatDuration(1500 * kMs) == "1500ms");
    CHECK(eql::plan::FormatDuration(3 * 24 * 60 * kMinute) == "3d");
    CHECK(eql::plan::FormatDuration(2 * 60 * kMinute) == "2h");
    CHECK(eql::plan::FormatDuration(7) == "7ns");
    CHECK(eql::plan::FormatDuration(0) == "0ns");
}

}  // TEST_SUITE
