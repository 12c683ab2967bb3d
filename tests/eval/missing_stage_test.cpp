// Missing-event stages `![ ... ]` on hand-built plans: between positive stages, leading,
// trailing, both outer sides together, join keys, runs, deferral and result order.
#include <doctest/doctest.h>

#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;
using eql::plan::StageNode;

namespace {

// Events of one category `t` whose `tag` field tells the stages apart.
struct TaggedEvents {
    World world;
    std::vector<EventPtr> events;

    void Add(int64_t id, int64_t timestamp_ns, const char* tag, std::vector<Field> fields = {}) {
        fields.push_back({"tag", Str(tag)});
        events.push_back(world.Make(id, timestamp_ns, "t", std::move(fields)));
    }

    StageNode Tag(const char* tag, const std::vector<std::string>& keys = {}) {
        return world.Stage("t", world.Has("tag", tag), keys);
    }

    StageNode MissingTag(const char* tag, const std::vector<std::string>& keys = {}) {
        return world.Missing(Tag(tag, keys));
    }

    IdList Run(const std::shared_ptr<eql::Plan>& plan, const eql::RunOptions& options = {}) {
        return RunIds(world, plan, events, options);
    }
};

// n1 n2 m3 n4, one millisecond apart.
TaggedEvents NormalNormalMissingNormal() {
    TaggedEvents data;
    data.Add(1, 1 * kMs, "n");
    data.Add(2, 2 * kMs, "n");
    data.Add(3, 3 * kMs, "m");
    data.Add(4, 4 * kMs, "n");
    return data;
}

}  // namespace

TEST_SUITE("eval missing stages") {

TEST_CASE("missing stage without matches keeps every candidate") {
    TaggedEvents data = NormalNormalMissingNormal();
    auto plan = SequencePlan({data.Tag("n"), data.MissingTag("none"), data.Tag("n")}, kSecond);
    CHECK(data.Run(plan) == IdList{1, -1, 2, 2, -1, 4});
}

TEST_CASE("match between two positive events drops the candidate") {
    TaggedEvents data = NormalNormalMissingNormal();
    auto plan = SequencePlan({data.Tag("n"), data.MissingTag("m"), data.Tag("n")}, kSecond);
    CHECK(data.Run(plan) == IdList{1, -1, 2});
}

TEST_CASE("head and tail apply after the missing-stage checks") {
    TaggedEvents data = NormalNormalMissingNormal();
    auto head = SequencePlan({data.Tag("n"), data.MissingTag("none"), data.Tag("n")}, kSecond,
                             {}, {Head(1)});
    CHECK(data.Run(head) == IdList{1, -1, 2});

    auto tail = SequencePlan({data.Tag("n"), data.MissingTag("none"), data.Tag("n")}, kSecond,
                             {}, {Tail(1)});
    CHECK(data.Run(tail) == IdList{2, -1, 4});
}

TEST_CASE("trailing missing stage drops candidates followed by a match") {
    TaggedEvents data = NormalNormalMissingNormal();
    auto plan = SequencePlan({data.Tag("n"), data.MissingTag("m")}, kSecond);
    CHECK(data.Run(plan) == IdList{4, -1});
}

TEST_CASE("vetoed candidate lets the next one through") {
    TaggedEvents data;
    data.Add(1, 0 * kMs, "n");
    data.Add(2, 1 * kMs, "n");
    data.Add(3, 2 * kMs, "m");
    data.Add(4, 3 * kMs, "n");
    data.Add(5, 4 * kMs, "n");
    data.Add(6, 5 * kMs, "m");
    auto plan = SequencePlan({data.Tag("n"), data.Tag("n"), data.MissingTag("m"), data.Tag("n")},
                             kSecond);
    CHECK(data.Run(plan) == IdList{2, 4, -1, 5});
}

TEST_CASE("vetoed partial sequence still overwrites the older one") {
    TaggedEvents data;
    data.Add(1, 1 * kMs, "a");
    data.Add(2, 2 * kMs, "b");
    data.Add(3, 3 * kMs, "a");
    data.Add(4, 4 * kMs, "m");
    data.Add(5, 5 * kMs, "b");
    data.Add(6, 6 * kMs, "c");
    // [a3 b5] is vetoed by m4 but replaces [a1 b2], so c6 completes only the vetoed one.
    auto plan = SequencePlan({data.Tag("a"), data.MissingTag("m"), data.Tag("b"), data.Tag("c")},
                             kSecond);
    CHECK(data.Run(plan).empty());
}

TEST_CASE("match at the same timestamp as a positive event does not veto") {
    auto run = [](int64_t missing_at_ns) {
        TaggedEvents data;
        data.Add(1, 1 * kMs, "n");
        data.Add(2, missing_at_ns, "m");
        data.Add(3, 2 * kMs, "n");
        auto plan = SequencePlan({data.Tag("n"), data.MissingTag("m"), data.Tag("n")}, kSecond);
        return data.Run(plan);
    };
    // Only a match strictly between the two timestamps vetoes, whatever the ordinal order.
    CHECK(run(1 * kMs) == IdList{1, -1, 3});
    CHECK(run(2 * kMs) == IdList{1, -1, 3});
    CHECK(run(1 * kMs + 1) == IdList{});
}

TEST_CASE("leading missing stage looks back maxspan from the last event") {
    TaggedEvents data;
    data.Add(1, 0, "m");
    data.Add(2, 10 * kMinute, "n");
    data.Add(3, 20 * kMinute, "m");
    data.Add(4, 21 * kMinute, "n");
    data.Add(5, 29 * kMinute, "n");
    data.Add(6, 31 * kMinute, "n");
    auto plan = SequencePlan({data.MissingTag("m"), data.Tag("n")}, 3 * kMinute);
    CHECK(data.Run(plan) == IdList{-1, 2, -1, 5, -1, 6});
}

TEST_CASE("leading match is measured against the last positive event") {
    auto run = [](int64_t missing_at_ns) {
        TaggedEvents data;
        data.Add(1, missing_at_ns, "m");
        data.Add(2, 3 * kSecond, "a");
        data.Add(3, 6 * kSecond, "b");
        auto plan = SequencePlan({data.MissingTag("m"), data.Tag("a"), data.Tag("b")},
                                 5 * kSecond);
        return data.Run(plan);
    };
    CHECK(run(0) == IdList{-1, 2, 3});
    CHECK(run(kSecond) == IdList{});
}

TEST_CASE("both outer sides drop only when their matches fit in maxspan") {
    // m at 0, n at 10m plus 1ms, m at 20m plus 1ms: the two m events are 20m1ms apart.
    auto run = [](int64_t maxspan_ns) {
        TaggedEvents data;
        data.Add(1, 0, "m");
        data.Add(2, 10 * kMinute + kMs, "n");
        data.Add(3, 20 * kMinute + kMs, "m");
        data.Add(4, 21 * kMinute + kMs, "n");
        data.Add(5, 29 * kMinute + kMs, "n");
        auto plan = SequencePlan({data.MissingTag("m"), data.Tag("n"), data.MissingTag("m")},
                                 maxspan_ns);
        return data.Run(plan);
    };
    CHECK(run(19 * kMinute) == IdList{-1, 2, -1, -1, 4, -1, -1, 5, -1});
    CHECK(run(21 * kMinute) == IdList{-1, 4, -1, -1, 5, -1});
}

TEST_CASE("leading match without trailing match never drops") {
    TaggedEvents data;
    data.Add(1, 0, "m");
    data.Add(2, kSecond, "n");
    auto plan = SequencePlan({data.MissingTag("m"), data.Tag("n"), data.MissingTag("m")},
                             kMinute);
    CHECK(data.Run(plan) == IdList{-1, 2, -1});
}

TEST_CASE("trailing match exactly at maxspan drops") {
    auto run = [](int64_t missing_at_ns) {
        TaggedEvents data;
        data.Add(1, 0, "a");
        data.Add(2, kSecond, "b");
        data.Add(3, missing_at_ns, "m");
        auto plan = SequencePlan({data.Tag("a"), data.Tag("b"), data.MissingTag("m")},
                                 5 * kSecond);
        return data.Run(plan);
    };
    CHECK(run(5 * kSecond) == IdList{});
    CHECK(run(5 * kSecond + 1) == IdList{1, 2, -1});
}

TEST_CASE("trailing match at the completing timestamp does not count") {
    TaggedEvents data;
    data.Add(1, 0, "a");
    data.Add(2, kSecond, "b");
    data.Add(3, kSecond, "m");
    auto plan = SequencePlan({data.Tag("a"), data.Tag("b"), data.MissingTag("m")}, 5 * kSecond);
    CHECK(data.Run(plan) == IdList{1, 2, -1});
}

TEST_CASE("stream end keeps candidates still waiting") {
    TaggedEvents data;
    data.Add(1, 0, "a");
    data.Add(2, kSecond, "b");
    auto plan = SequencePlan({data.Tag("a"), data.Tag("b"), data.MissingTag("m")}, kMinute);
    CHECK(data.Run(plan) == IdList{1, 2, -1});
}

TEST_CASE("waiting candidates keep completion order") {
    TaggedEvents data;
    data.Add(1, 0, "m", {{"k", Str("y")}});
    data.Add(2, 6 * kSecond, "m", {{"k", Str("x")}});
    data.Add(3, 7 * kSecond, "a", {{"k", Str("x")}});
    data.Add(4, 8 * kSecond, "b", {{"k", Str("x")}});
    data.Add(5, 8500 * kMs, "a", {{"k", Str("y")}});
    data.Add(6, 9 * kSecond, "b", {{"k", Str("y")}});
    data.Add(7, 11 * kSecond, "other");
    data.Add(8, 17 * kSecond, "m", {{"k", Str("x")}});
    // x completes first but its window (from its leading match at 6s) ends at 16s; y's window
    // (from 0s) ends at 10s, so y is decided first and must still come out second.
    auto plan = SequencePlan({data.MissingTag("m", {"k"}), data.Tag("a", {"k"}),
                              data.Tag("b", {"k"}), data.MissingTag("m", {"k"})},
                             10 * kSecond);
    std::vector<eql::Match> matches = RunPlans({plan}, data.events);
    CHECK(MatchIds(data.world, matches) == IdList{-1, 3, 4, -1, -1, 5, 6, -1});
    CHECK(JoinKeys(matches) == std::vector<std::string>{"x", "y"});
}

TEST_CASE("trailing match decides only its own key") {
    TaggedEvents data;
    data.Add(1, 0, "a", {{"k", Str("x")}});
    data.Add(2, 1 * kSecond, "a", {{"k", Str("y")}});
    data.Add(3, 2 * kSecond, "m", {{"k", Str("y")}});
    auto plan = SequencePlan({data.Tag("a", {"k"}), data.MissingTag("m", {"k"})}, 5 * kSecond);
    CHECK(data.Run(plan) == IdList{1, -1});
}

TEST_CASE("several missing stages between positives each veto") {
    TaggedEvents data;
    const char* tags[] = {"A", "B", "M1", "B", "C", "M2", "D", "M1", "C",
                          "B", "C", "D",  "A", "B", "M3", "C", "D", "M4"};
    for (int64_t i = 0; i < 18; ++i) {
        data.Add(i + 1, (i + 1) * kMs, tags[i]);
    }
    auto with_m1_m2 = SequencePlan({data.Tag("A"), data.Tag("B"), data.MissingTag("M1"),
                                    data.Tag("C"), data.MissingTag("M2"), data.Tag("D")},
                                   kSecond);
    CHECK(data.Run(with_m1_m2) == IdList{13, 14, -1, 16, -1, 17});

    auto with_none = SequencePlan({data.Tag("A"), data.Tag("B"), data.MissingTag("none"),
                                   data.Tag("C"), data.MissingTag("none"), data.Tag("D")},
                                  kSecond);
    CHECK(data.Run(with_none) == IdList{1, 2, -1, 5, -1, 7, 13, 14, -1, 16, -1, 17});

    auto with_trailing = SequencePlan({data.Tag("A"), data.Tag("B"), data.MissingTag("M1"),
                                       data.Tag("C"), data.MissingTag("M2"), data.Tag("D"),
                                       data.MissingTag("M4")},
                                      kSecond);
    CHECK(data.Run(with_trailing).empty());

    auto with_leading = SequencePlan({data.MissingTag("none"), data.Tag("A"), data.Tag("B"),
                                      data.Tag("C"), data.MissingTag("M2"), data.Tag("D")},
                                     kSecond);
    CHECK(data.Run(with_leading) == IdList{-1, 13, 14, 16, -1, 17});
}

TEST_CASE("missing stage keys must equal the candidate's") {
    TaggedEvents data;
    data.Add(1, 0 * kMs, "n", {{"k1", Str("foo")}, {"k2", Str("foo")}});
    data.Add(2, 1 * kMs, "n", {{"k1", Str("foo")}, {"k2", Str("foo")}});
    data.Add(3, 2 * kMs, "m", {{"k1", Str("foo")}, {"k2", Str("bar")}});
    data.Add(4, 3 * kMs, "n", {{"k1", Str("foo")}, {"k2", Str("foo")}});

    // Keyed on k1 in every stage, m3 vetoes [n2 n4].
    auto same_field = SequencePlan({data.Tag("n", {"k1"}), data.MissingTag("m", {"k1"}),
                                    data.Tag("n", {"k1"})},
                                   kSecond);
    CHECK(data.Run(same_field) == IdList{1, -1, 2});

    // The missing stage keys on k2, which is "bar" in m3, so it vetoes nothing.
    auto other_field = SequencePlan({data.Tag("n", {"k1"}), data.MissingTag("m", {"k2"}),
                                     data.Tag("n", {"k1"})},
                                    kSecond);
    CHECK(data.Run(other_field) == IdList{1, -1, 2, 2, -1, 4});
}

TEST_CASE("multi-valued key on a missing event vetoes each value") {
    TaggedEvents data;
    data.Add(1, 0 * kMs, "n", {{"k", Str("a")}});
    data.Add(2, 1 * kMs, "n", {{"k", Str("b")}});
    data.Add(3, 2 * kMs, "m", {{"k", Strings({"a", "b"})}});
    data.Add(4, 3 * kMs, "n", {{"k", Str("a")}});
    data.Add(5, 4 * kMs, "n", {{"k", Str("b")}});
    auto plan = SequencePlan({data.Tag("n", {"k"}), data.MissingTag("m", {"k"}),
                              data.Tag("n", {"k"})},
                             kSecond);
    CHECK(data.Run(plan).empty());
}

TEST_CASE("runs on a missing stage give two placeholders") {
    TaggedEvents data = NormalNormalMissingNormal();
    StageNode missing = data.MissingTag("none");
    missing.runs = 2;
    StageNode missing_copy = missing;
    missing_copy.run = 1;
    auto plan = SequencePlan({data.Tag("n"), missing, missing_copy, data.Tag("n")}, kSecond);
    CHECK(data.Run(plan) == IdList{1, -1, -1, 2, 2, -1, -1, 4});
}

TEST_CASE("placeholders are null events") {
    TaggedEvents data = NormalNormalMissingNormal();
    auto plan = SequencePlan({data.Tag("n"), data.MissingTag("m"), data.Tag("n")}, kSecond);
    std::vector<eql::Match> matches = RunPlans({plan}, data.events);
    REQUIRE(matches.size() == 1);
    REQUIRE(matches[0].events.size() == 3);
    CHECK(matches[0].events[0] != nullptr);
    CHECK(matches[0].events[1] == nullptr);
    CHECK(matches[0].events[2] != nullptr);
}

}  // TEST_SUITE
