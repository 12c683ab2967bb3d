// Head and tail pipes, their chaining, and the run's size as an implicit limit.
#include <doctest/doctest.h>

#include "engine/eval/pipes.hpp"
#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;
using eql::plan::PipeNode;

namespace {

// Ten process events, ids 1 to 10, pushed in reverse so that ordering is the runner's work.
std::vector<EventPtr> TenEvents(World& world) {
    std::vector<EventPtr> events;
    for (int64_t id = 10; id >= 1; --id) {
        events.push_back(world.Make(id, id * kMs, "process"));
    }
    return events;
}

IdList RunPipes(std::vector<PipeNode> pipes, std::optional<uint64_t> size = {}) {
    World world;
    std::vector<EventPtr> events = TenEvents(world);
    eql::RunOptions options;
    options.size = size;
    return RunIds(world, EventPlan(world.Stage("process"), std::move(pipes)), events, options);
}

}  // namespace

TEST_SUITE("eval pipes") {

TEST_CASE("no pipe and no size returns all results in order") {
    CHECK(RunPipes({}) == IdList{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
}

TEST_CASE("head keeps the first results") {
    CHECK(RunPipes({Head(3)}) == IdList{1, 2, 3});
}

TEST_CASE("tail keeps the last results oldest first") {
    CHECK(RunPipes({Tail(3)}) == IdList{8, 9, 10});
}

TEST_CASE("head zero returns nothing") {
    CHECK(RunPipes({Head(0)}).empty());
    CHECK(RunPipes({Tail(0)}).empty());
}

TEST_CASE("pipes chain on the previous output") {
    CHECK(RunPipes({Tail(5), Head(2)}) == IdList{6, 7});
    CHECK(RunPipes({Head(5), Tail(2)}) == IdList{4, 5});
    CHECK(RunPipes({Head(6), Head(2)}) == IdList{1, 2});
    CHECK(RunPipes({Head(2), Head(6)}) == IdList{1, 2});
    CHECK(RunPipes({Tail(6), Tail(2), Head(1)}) == IdList{9});
}

TEST_CASE("opposite smaller pipe shifts the window") {
    // Elasticsearch folds `head 12 | tail 2` into "skip 10, keep 2", so ten results give none.
    CHECK(RunPipes({Head(12), Tail(2)}).empty());
    CHECK(RunPipes({Head(11), Tail(2)}) == IdList{10});
    CHECK(RunPipes({Tail(12), Head(2)}).empty());
    CHECK(RunPipes({Tail(11), Head(3)}) == IdList{1, 2});
}

TEST_CASE("opposite larger pipe changes nothing") {
    CHECK(RunPipes({Head(3), Tail(5)}) == IdList{1, 2, 3});
    CHECK(RunPipes({Tail(3), Head(3)}) == IdList{8, 9, 10});
}

TEST_CASE("folded pipes keep first direction") {
    eql::eval::ResultWindow window = eql::eval::FoldPipes({Head(4), Tail(2), Head(1)});
    CHECK(window.kind == eql::plan::PipeKind::kHead);
    CHECK(window.offset == 2);
    CHECK(window.count == 1);

    window = eql::eval::FoldPipes({Tail(8), Tail(5), Head(2)});
    CHECK(window.kind == eql::plan::PipeKind::kTail);
    CHECK(window.offset == 3);
    CHECK(window.count == 2);
}

TEST_CASE("counts above the result count keep everything") {
    CHECK(RunPipes({Tail(50)}) == IdList{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
}

TEST_CASE("size without a pipe keeps the tail") {
    CHECK(RunPipes({}, 3) == IdList{8, 9, 10});
}

TEST_CASE("size limits in the direction of the first pipe") {
    CHECK(RunPipes({Head(50)}, 4) == IdList{1, 2, 3, 4});
    CHECK(RunPipes({Tail(50)}, 4) == IdList{7, 8, 9, 10});
    CHECK(RunPipes({Head(2)}, 4) == IdList{1, 2});
    CHECK(RunPipes({Tail(6), Head(2)}, 4) == IdList{7, 8});
}

TEST_CASE("effective pipes fold size into the first pipe") {
    std::vector<PipeNode> chain = eql::eval::EffectivePipes({Tail(10), Head(2)}, 5,
                                                            eql::plan::PipeKind::kTail);
    REQUIRE(chain.size() == 2);
    CHECK(chain[0].kind == eql::plan::PipeKind::kTail);
    CHECK(chain[0].count == 5);
    CHECK(chain[1].count == 2);

    std::vector<PipeNode> sample_default =
        eql::eval::EffectivePipes({}, 7, eql::plan::PipeKind::kHead);
    REQUIRE(sample_default.size() == 1);
    CHECK(sample_default[0].kind == eql::plan::PipeKind::kHead);
    CHECK(sample_default[0].count == 7);

    CHECK(eql::eval::EffectivePipes({}, std::nullopt, eql::plan::PipeKind::kTail).empty());
}

TEST_CASE("sequence tail takes the last completed sequences") {
    World world;
    auto plan = SequencePlan({world.Stage("a", {}, {"k"}), world.Stage("b", {}, {"k"})}, {}, {},
                             {Tail(2)});
    std::vector<EventPtr> events;
    for (int64_t k = 0; k < 4; ++k) {
        events.push_back(world.Make(10 + k, (2 * k) * kMs, "a", {{"k", Int(k)}}));
        events.push_back(world.Make(20 + k, (2 * k + 1) * kMs, "b", {{"k", Int(k)}}));
    }
    CHECK(RunIds(world, plan, events) == IdList{12, 22, 13, 23});
}

TEST_CASE("limiter forwards heads at once and holds tails") {
    std::vector<int> seen;
    eql::eval::ResultLimiter heads({Head(2)}, [&seen](eql::Match&&) { seen.push_back(1); });
    heads.Add(eql::Match{});
    CHECK(seen.size() == 1);
    CHECK(!heads.Saturated());
    heads.Add(eql::Match{});
    CHECK(heads.Saturated());
    heads.Add(eql::Match{});
    CHECK(seen.size() == 2);

    seen.clear();
    eql::eval::ResultLimiter tails({Tail(2)}, [&seen](eql::Match&&) { seen.push_back(2); });
    tails.Add(eql::Match{});
    tails.Add(eql::Match{});
    tails.Add(eql::Match{});
    CHECK(seen.empty());
    tails.Finish();
    CHECK(seen.size() == 2);
}

}  // TEST_SUITE
