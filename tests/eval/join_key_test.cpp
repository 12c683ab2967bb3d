// Join-key tuple extraction, equality and hashing.
#include <doctest/doctest.h>

#include "engine/eval/join_key.hpp"
#include "tests/eval/eval_fixture.hpp"

using namespace eval_test;
using eql::eval::KeyTuple;

namespace {

std::vector<eql::plan::KeyNode> Keys(World& world, const std::vector<std::string>& paths) {
    return world.Stage("any", {}, paths).keys;
}

}  // namespace

TEST_SUITE("eval join keys") {

TEST_CASE("no keys yield one empty tuple") {
    World world;
    std::vector<KeyTuple> tuples;
    eql::eval::ExtractKeyTuples({}, *world.Make(1, 0, "a"), tuples);
    REQUIRE(tuples.size() == 1);
    CHECK(tuples[0].empty());
}

TEST_CASE("missing required key yields no tuple") {
    World world;
    std::vector<KeyTuple> tuples;
    eql::eval::ExtractKeyTuples(Keys(world, {"a", "b"}), *world.Make(1, 0, "e", {{"a", Int(1)}}),
                                tuples);
    CHECK(tuples.empty());
}

TEST_CASE("missing optional key yields null") {
    World world;
    std::vector<KeyTuple> tuples;
    eql::eval::ExtractKeyTuples(Keys(world, {"a", "?b"}), *world.Make(1, 0, "e", {{"a", Int(1)}}),
                                tuples);
    REQUIRE(tuples.size() == 1);
    REQUIRE(tuples[0].size() == 2);
    CHECK(std::get<int64_t>(tuples[0][0]) == 1);
    CHECK(eql::IsNull(tuples[0][1]));
}

TEST_CASE("integral double equals integer and hashes alike") {
    KeyTuple integer = {Value(int64_t{3})};
    KeyTuple decimal = {Value(3.0)};
    CHECK(eql::eval::KeyTupleEqual{}(integer, decimal));
    CHECK(eql::eval::KeyTupleHash{}(integer) == eql::eval::KeyTupleHash{}(decimal));
    CHECK(!eql::eval::KeyTupleEqual{}(integer, KeyTuple{Value(std::string("3"))}));
    CHECK(!eql::eval::KeyTupleEqual{}(integer, KeyTuple{Value(3.5)}));
}

TEST_CASE("tuple order is null first then by value") {
    KeyTuple null_first = {Value(std::monostate{}), Value(std::string("z"))};
    KeyTuple upper = {Value(std::string("GTA"))};
    KeyTuple lower = {Value(std::string("doom"))};
    CHECK(eql::eval::KeyTupleLess(null_first, upper));
    CHECK(eql::eval::KeyTupleLess(upper, lower));
    CHECK(!eql::eval::KeyTupleLess(lower, upper));
}

TEST_CASE("huge key arrays are capped") {
    World world;
    FieldValues many;
    for (int64_t i = 0; i < 100; ++i) {
        many.emplace_back(i);
    }
    std::vector<KeyTuple> tuples;
    eql::eval::ExtractKeyTuples(Keys(world, {"a", "b"}),
                                *world.Make(1, 0, "e", {{"a", many}, {"b", many}}), tuples);
    CHECK(tuples.size() == eql::eval::kMaxKeyTuplesPerEvent);
    CHECK(std::get<int64_t>(tuples.front()[0]) == 0);
    CHECK(std::get<int64_t>(tuples.back()[0]) == 40);
}

}  // TEST_SUITE
