// `in`, `in~` and `not in`: exact and folded membership, mixed kinds without a schema, and
// lists of 10,000 values looked up through a hash set.
#include <doctest/doctest.h>

#include <chrono>

#include "tests/expr/condition_harness.hpp"

namespace eql::expr::testing {
namespace {

TEST_SUITE("in") {

TEST_CASE("membership is exact unless folded") {
    FieldMap f{{"f", {std::string("Lsass.exe")}}};
    CHECK(Holds(R"(f in ("wininit.exe", "Lsass.exe"))", f));
    CHECK_FALSE(Holds(R"(f in ("lsass.exe"))", f));
    CHECK(Holds(R"(f in~ ("LSASS.EXE"))", f));
    CHECK_FALSE(Holds(R"(f in~ ("lsass.*"))", f));
    CHECK(Holds(R"(f not in ("lsass.exe"))", f));
    CHECK_FALSE(Holds(R"(f not in~ ("lsass.exe"))", f));
    CHECK(Holds(R"(string(n) in~ ("1"))", {{"n", {int64_t(1)}}}));
    CHECK_FALSE(Holds(R"(string(n) in~ ("1*"))", {{"n", {int64_t(1)}}}));
}

TEST_CASE("numbers and strings meet by value") {
    CHECK(Holds("port in (22, 23, 3389)", {{"port", {int64_t(3389)}}}));
    CHECK(Holds("port in (22, 23, 3389)", {{"port", {std::string("22")}}}));
    CHECK(Holds("port in (\"22\")", {{"port", {int64_t(22)}}}));
    CHECK(Holds("port in (22.0)", {{"port", {int64_t(22)}}}));
    CHECK(Holds("port in (2.5)", {{"port", {2.5}}}));
    CHECK_FALSE(Holds("port in (22, 23)", {{"port", {int64_t(24)}}}));
    CHECK(Holds("flag in (true)", {{"flag", {true}}}));
    CHECK_FALSE(Holds("flag in (false)", {{"flag", {true}}}));
    CHECK(Holds("f in (null, \"a\")", {{"f", {std::string("a")}}}));
    CHECK_FALSE(Holds("f in (null)", {}));
    CHECK_FALSE(Holds("f not in (null)", {}));
}

TEST_CASE("script subjects use the same set") {
    CHECK(Holds("length(f) in (1, 3)", {{"f", {std::string("abc")}}}));
    CHECK(Holds("length(f) not in (1, 2)", {{"f", {std::string("abc")}}}));
    CHECK_FALSE(Holds("length(f) not in (1, 2)", {}));
    CHECK(Holds("(1 + 1) in (2)", {}));
    CHECK_FALSE(Holds("1 + 1 in (2)", {}));  // 1 + (1 in (2)): not a number
}

TEST_CASE("a list of 10,000 values is one hash lookup") {
    std::string strings = "f in (";
    std::string numbers = "n in (";
    for (int i = 0; i < 10000; ++i) {
        strings += (i ? ", \"v" : "\"v") + std::to_string(i) + "\"";
        numbers += (i ? ", " : "") + std::to_string(i * 7);
    }
    strings += ")";
    numbers += ")";
    Compiled string_list = Compile(strings);
    Compiled number_list = Compile(numbers);
    REQUIRE(string_list.ok());
    REQUIRE(number_list.ok());
    CHECK(string_list.Test({{"f", {std::string("v9999")}}}));
    CHECK(string_list.Test({{"f", {std::string("v0")}}}));
    CHECK_FALSE(string_list.Test({{"f", {std::string("v10000")}}}));
    CHECK(number_list.Test({{"n", {int64_t(69993)}}}));
    CHECK_FALSE(number_list.Test({{"n", {int64_t(69994)}}}));

    FieldMap probe{{"f", {std::string("v10000")}}};
    Event event;
    event.fields = EventFields({probe["f"]});
    auto start = std::chrono::steady_clock::now();
    int hits = 0;
    for (int i = 0; i < 200000; ++i) {
        hits += string_list.result.condition->Test(event) ? 1 : 0;
    }
    CHECK(hits == 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr::testing
