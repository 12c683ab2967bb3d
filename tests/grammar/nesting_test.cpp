// Nesting limit tests: deep parentheses, calls, `not` and sign chains end in a clear diagnostic
// instead of a stack overflow, and the limit of 256 levels is exact.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <variant>

#include "grammar/parse.hpp"
#include "grammar_test_support.hpp"

namespace eql::grammar {
namespace {

using testing::DumpOrError;
using testing::ErrorCode;

constexpr const char* kNestingError =
    "error [nesting-limit]: expression nesting exceeds the limit of 256 levels";

std::string Repeat(std::string_view piece, size_t count) {
    std::string out;
    out.reserve(piece.size() * count);
    for (size_t i = 0; i < count; ++i) {
        out += piece;
    }
    return out;
}

std::string Parenthesized(size_t depth) {
    return "any where " + Repeat("(", depth) + "a" + Repeat(")", depth);
}

TEST_SUITE("grammar nesting") {
    TEST_CASE("100000 parentheses hit the limit") {
        const std::string text = Parenthesized(100000);
        const ParseResult result = ParseQuery(text);
        REQUIRE(result.error.has_value());
        CHECK(result.error->code == "nesting-limit");
        CHECK(result.error->message == "expression nesting exceeds the limit of 256 levels");
        CHECK(result.error->offset == 10 + 256);
    }

    TEST_CASE("100000 nots are rejected") {
        CHECK(DumpOrError("any where " + Repeat("not ", 100000) + "a") == kNestingError);
    }

    TEST_CASE("100000 signs on a field") {
        CHECK(DumpOrError("any where " + Repeat("- ", 100000) + "a == 1") == kNestingError);
    }

    TEST_CASE("signs on a number fold") {
        CHECK(DumpOrError("any where x == " + Repeat("-", 100000) + "5") ==
              "(event any (== x 5))");
        CHECK(DumpOrError("any where x == " + Repeat("-", 99999) + "5") ==
              "(event any (== x -5))");
    }

    TEST_CASE("100000 nested calls are rejected") {
        CHECK(DumpOrError("any where " + Repeat("f(", 100000) + "a" + Repeat(")", 100000)) ==
              kNestingError);
    }

    TEST_CASE("parenthesis limit is exact") {
        CHECK(DumpOrError(Parenthesized(255)) == "(event any a)");
        CHECK(DumpOrError(Parenthesized(256)) == kNestingError);
    }

    TEST_CASE("not limit is exact") {
        CHECK(ErrorCode("any where " + Repeat("not ", 255) + "a") == "parsed");
        CHECK(DumpOrError("any where " + Repeat("not ", 256) + "a") == kNestingError);
    }

    TEST_CASE("arithmetic chains count as depth") {
        // 255 additions make a tree 256 levels deep; the comparison adds one more.
        CHECK(ErrorCode("any where 1" + Repeat(" + 1", 255)) == "parsed");
        CHECK(DumpOrError("any where 1" + Repeat(" + 1", 256)) == kNestingError);
        CHECK(DumpOrError("any where x == 1" + Repeat(" + 1", 255)) == kNestingError);
    }

    TEST_CASE("long and chains stay flat") {
        const ParseResult result = ParseQuery("any where a" + Repeat(" and a", 100000));
        REQUIRE(result.query.has_value());
        CHECK(result.query->event.condition->kind == ast::ExprKind::kAnd);
        CHECK(result.query->event.condition->children.size() == 100001);
    }

    TEST_CASE("100000 nested block comments parse") {
        const std::string comment = Repeat("/*", 100000) + Repeat("*/", 100000);
        CHECK(DumpOrError("any where " + comment + " true") == "(event any true)");
        CHECK(DumpOrError("any where " + Repeat("/*", 100000) + " true") ==
              "error [syntax]: expected '*/' to close the block comment");
    }

    TEST_CASE("long lists parse") {
        const ParseResult result = ParseQuery("any where x in (1" + Repeat(", 1", 100000) + ")");
        REQUIRE(result.query.has_value());
        CHECK(result.query->event.condition->children.size() == 100002);
    }
}

}  // namespace
}  // namespace eql::grammar
