// Parser tests: query text to AST dump for every construct of the grammar, and the details of
// the tree that the dump does not show (spans, literal types, field segments).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <variant>

#include "grammar/parse.hpp"
#include "grammar_test_support.hpp"

namespace eql::grammar {
namespace {

using testing::DumpOrError;
using testing::Slice;

struct DumpCase {
    const char* query;
    const char* dump;
};

// clang-format off
const DumpCase kDumpCases[] = {
    {R"(process where true)",
     R"((event process true))"},
    {R"(any where false)",
     R"((event any false))"},
    {R"("my-category.v2" where null == null)",
     R"((event "my-category.v2" (== null null)))"},
    {R"("""raw category""" where true)",
     R"((event "raw category" true))"},
    {R"(process where process.name == "cmd.exe")",
     R"((event process (== process.name "cmd.exe")))"},
    {R"(process where a != 1 and b < 2 and c <= 3 and d > 4 and e >= 5)",
     R"((event process (and (!= a 1) (< b 2) (<= c 3) (> d 4) (>= e 5))))"},
    {R"(process where a or b and c)",
     R"((event process (or a (and b c))))"},
    {R"(process where (a or b) and c)",
     R"((event process (and (or a b) c)))"},
    {R"(process where a and b and c or d or e)",
     R"((event process (or (and a b c) d e)))"},
    {R"(process where (a and b) and c)",
     R"((event process (and (and a b) c)))"},
    {R"(process where a and (b and c))",
     R"((event process (and a (and b c))))"},
    {R"(process where not a and b)",
     R"((event process (and (not a) b)))"},
    {R"(process where not not a == b)",
     R"((event process (not (not (== a b)))))"},
    {R"(process where not (a or b))",
     R"((event process (not (or a b))))"},
    {R"(process where 1 + 2 * 3 - 4 / 5 % 6 == x)",
     R"((event process (== (- (+ 1 (* 2 3)) (% (/ 4 5) 6)) x)))"},
    {R"(process where (1 + 2) * 3 == x)",
     R"((event process (== (* (+ 1 2) 3) x)))"},
    {R"(process where 1 - (2 - 3) == x)",
     R"((event process (== (- 1 (- 2 3)) x)))"},
    {R"(process where -x == - -y and +z == -(a + b))",
     R"((event process (and (== (neg x) (neg (neg y))) (== z (neg (+ a b))))))"},
    {R"(process where -5 == -1.5 and - - 7 == +8)",
     R"((event process (and (== -5 -1.5) (== 7 8))))"},
    {R"(process where 1 + x in (2, 3))",
     R"((event process (+ 1 (in x 2 3))))"},
    {R"(process where x in (1, "a", null, true, y, f(z)))",
     R"((event process (in x 1 "a" null true y (call f z))))"},
    {R"(process where x in~ ("A", "b") and y not in (1) and z not in~ ("c"))",
     R"((event process (and (in~ x "A" "b") (not-in y 1) (not-in~ z "c"))))"},
    {R"(process where x : "a*" and x : ("a", "b") and x like "a?" and x like~ ("A*"))",
     R"((event process (and (: x "a*") (: x "a" "b") (like x "a?") (like~ x "A*"))))"},
    {R"(process where x regex "[a-z]+" and x regex~ ("A+", "b"))",
     R"((event process (and (regex x "[a-z]+") (regex~ x "A+" "b"))))"},
    {R"(process where length(x) > 3 and startsWith~(a, "b") and f() and g ( 1 , 2 ))",
     R"((event process (and (> (call length x) 3) (call startsWith~ a "b") (call f) (call g 1)"
     R"( 2))))"},
    {R"(process where concat(a, "x", 1) == "y" and substring(a, 0, -1) == "b")",
     R"((event process (and (== (call concat a "x" 1) "y") (== (call substring a 0 -1) "b"))))"},
    {R"(process where ?a.b == null and ?`x y`.z == 1)",
     R"((event process (and (== ?a.b null) (== ?`x y`.z 1))))"},
    {R"(process where a.`b.c`.d == 1 and `my``field` == 2 and event.`sequence` == 3)",
     R"((event process (and (== a.`b.c`.d 1) (== `my``field` 2) (== event.`sequence` 3))))"},
    {R"(process where @timestamp > 0 and _id == "x" and a1_b2 == 3)",
     R"((event process (and (> @timestamp 0) (== _id "x") (== a1_b2 3))))"},
    {R"(process where a . b == 1)",
     R"((event process (== a.b 1)))"},
    {R"(process where 42 == 4294967296 and 9223372036854775807 == 9223372036854775808)",
     R"((event process (and (== 42 4294967296) (== 9223372036854775807 9223372036854775808.0))))"},
    {R"(process where 1. == .5 and 2e3 == 1.5E-3 and .5e2 == 1e+2 and 1e999 == 0.0)",
     R"((event process (and (== 1.0 0.5) (== 2000.0 0.0015) (== 50.0 100.0) (== 1e999 0.0))))"},
    {R"(process where -9223372036854775808 == - -9223372036854775808)",
     R"((event process (== -9223372036854775808 9223372036854775808.0)))"},
    {R"(process where x == "a\"b\\c\n\r\t\b\f\'" and y == "\u{41}\u{00e9}\u{1F642}")",
     R"((event process (and (== x "a\"b\\c\n\r\t\b\f'") (== y "Aé🙂"))))"},
    {R"(process where x == """C:\Windows\*""" and y == """a "quoted" word""" and z == """say)"
     R"( "hi"""")",
     R"((event process (and (== x "C:\\Windows\\*") (== y "a \"quoted\" word") (== z "say)"
     R"( \"hi\""))))"},
    {R"(process where x == "")",
     R"((event process (== x "")))"},
    {R"(process where x == """""")",
     R"((event process (== x "")))"},
    {"process where /* c1 */ x /* c2 /* nested */ */ == // line\n"
     "  1",
     R"((event process (== x 1)))"},
    {R"(sequence [a where true] [b where false])",
     R"((sequence (stage (event a true)) (stage (event b false))))"},
    {"sequence by host.id, ?user.id with maxspan=2m\n"
     "  [process where true] by process.entity_id\n"
     "  [file where true] by process.parent.entity_id\n"
     "until [process where true] by process.entity_id",
     R"((sequence (by host.id ?user.id) (maxspan 120000000000) (stage (event process true) (by)"
     R"( process.entity_id)) (stage (event file true) (by process.parent.entity_id)) (until)"
     R"( (stage (event process true) (by process.entity_id)))))"},
    {R"(sequence with maxspan=30s [a where true] [b where true])",
     R"((sequence (maxspan 30000000000) (stage (event a true)) (stage (event b true))))"},
    {R"(sequence with maxspan = 5 m [a where true] [b where true])",
     R"((sequence (maxspan 300000000000) (stage (event a true)) (stage (event b true))))"},
    {R"(sequence with maxspan=250ms [a where true] [b where true])",
     R"((sequence (maxspan 250000000) (stage (event a true)) (stage (event b true))))"},
    {R"(sequence with maxspan=1h [a where true] [b where true])",
     R"((sequence (maxspan 3600000000000) (stage (event a true)) (stage (event b true))))"},
    {R"(sequence with maxspan=3d [a where true] [b where true])",
     R"((sequence (maxspan 259200000000000) (stage (event a true)) (stage (event b true))))"},
    {R"(sequence with maxspan=5m [a where true] ![b where true] [c where true])",
     R"((sequence (maxspan 300000000000) (stage (event a true)) (missing (event b true)) (stage)"
     R"( (event c true))))"},
    {R"(sequence with maxspan=5m ![a where true] [b where true] ![c where true])",
     R"((sequence (maxspan 300000000000) (missing (event a true)) (stage (event b true)))"
     R"( (missing (event c true))))"},
    {R"(sample by host [a where true] by os [b where true] by os)",
     R"((sample (by host) (stage (event a true) (by os)) (stage (event b true) (by os))))"},
    {R"(sample [a where true] [b where true])",
     R"((sample (stage (event a true)) (stage (event b true))))"},
    {R"(join by a [x where true] [y where true] until [z where true])",
     R"((join (by a) (stage (event x true)) (stage (event y true)) (until (stage (event z)"
     R"( true)))))"},
    {R"(join [x where true] by a [y where true] by b)",
     R"((join (stage (event x true) (by a)) (stage (event y true) (by b))))"},
    {R"(process where true | head 5)",
     R"((event process true) (pipe head 5))"},
    {R"(process where true | tail 10 | head 2)",
     R"((event process true) (pipe tail 10) (pipe head 2))"},
    {R"(sequence [a where true] [b where true] | tail 3)",
     R"((sequence (stage (event a true)) (stage (event b true))) (pipe tail 3))"},
    {R"(process where x == 1 and y == 2 or z : "a" | head 1)",
     R"((event process (or (and (== x 1) (== y 2)) (: z "a"))) (pipe head 1))"},
};
// clang-format on

ast::Query ParseOrFail(std::string_view text) {
    ParseResult result = ParseQuery(text);
    REQUIRE_MESSAGE(result.query.has_value(), DumpOrError(text));
    return std::move(*result.query);
}

TEST_SUITE("grammar parse") {
    TEST_CASE("queries dump to the expected tree") {
        for (const DumpCase& row : kDumpCases) {
            CAPTURE(row.query);
            CHECK(DumpOrError(row.query) == row.dump);
        }
    }

    TEST_CASE("number literal types") {
        const ast::Query query =
            ParseOrFail("any where x in (7, 7.0, 1e2, 18446744073709551615)");
        const ast::Expr& in = *query.event.condition;
        REQUIRE(in.children.size() == 5);
        CHECK(std::get<int64_t>(in.children[1]->literal) == 7);
        CHECK(std::get<double>(in.children[2]->literal) == 7.0);
        CHECK(std::get<double>(in.children[3]->literal) == 100.0);
        CHECK(std::get<double>(in.children[4]->literal) == 18446744073709551615.0);
    }

    TEST_CASE("minus folds into INT64_MIN") {
        const ast::Query query = ParseOrFail("any where x == -9223372036854775808");
        const ast::Expr& literal = *query.event.condition->children[1];
        CHECK(literal.kind == ast::ExprKind::kLiteral);
        CHECK(std::get<int64_t>(literal.literal) == std::numeric_limits<int64_t>::min());
        CHECK(literal.span.begin == 15);
        CHECK(literal.span.end == 35);
    }

    TEST_CASE("field segments keep backquoted text") {
        const ast::Query query = ParseOrFail("any where ?a.`b.c`.`d``e` == 1");
        const ast::FieldRef& field = query.event.condition->children[0]->field;
        CHECK(field.optional);
        REQUIRE(field.segments.size() == 3);
        CHECK(field.segments[0] == "a");
        CHECK(field.segments[1] == "b.c");
        CHECK(field.segments[2] == "d`e");
        CHECK(field.path == "a.b.c.d`e");
        CHECK(field.span.begin == 10);
        CHECK(field.span.end == 25);
    }

    TEST_CASE("expression spans cover their operands") {
        const std::string text = "any where (a == 1) and length(b) > 2";
        const ast::Query query = ParseOrFail(text);
        const ast::Expr& conjunction = *query.event.condition;
        CHECK(conjunction.span.begin == 10);
        CHECK(conjunction.span.end == text.size());
        const ast::Expr& parenthesized = *conjunction.children[0];
        CHECK(Slice(text, parenthesized.span) ==
              "(a == 1)");
        const ast::Expr& call = *conjunction.children[1]->children[0];
        CHECK(Slice(text, call.span) == "length(b)");
    }

    TEST_CASE("call name and tilde flag") {
        const ast::Query query = ParseOrFail("any where startsWith~ (a, \"b\")");
        const ast::Expr& call = *query.event.condition;
        CHECK(call.kind == ast::ExprKind::kCall);
        CHECK(call.name == "startsWith");
        CHECK(call.case_insensitive);
        CHECK(call.children.size() == 2);
    }

    TEST_CASE("predicate flags record case and negation") {
        const ast::Query query =
            ParseOrFail("any where a not in~ (1) and b like \"x\" and c : \"y\"");
        const ast::Expr& conjunction = *query.event.condition;
        const ast::Expr& not_in = *conjunction.children[0];
        CHECK(not_in.predicate_op == ast::PredicateOp::kIn);
        CHECK(not_in.negated);
        CHECK(not_in.case_insensitive);
        const ast::Expr& like = *conjunction.children[1];
        CHECK(like.predicate_op == ast::PredicateOp::kLike);
        CHECK_FALSE(like.case_insensitive);
        CHECK_FALSE(like.negated);
        const ast::Expr& colon = *conjunction.children[2];
        CHECK(colon.predicate_op == ast::PredicateOp::kColon);
        CHECK(colon.case_insensitive);
    }

    TEST_CASE("sequence parts carry their spans") {
        const std::string text =
            "sequence by host.id with maxspan=2m [a where true] by x with runs=3 "
            "![b where true] by y";
        const ast::Query query = ParseOrFail(text);
        const ast::Sequence& sequence = query.sequence;
        CHECK(query.kind == ast::QueryKind::kSequence);
        CHECK(Slice(text, sequence.keys_span) ==
              "by host.id");
        CHECK(Slice(text, sequence.maxspan_span) == "2m");
        CHECK(sequence.maxspan_ns == 120'000'000'000);
        REQUIRE(sequence.stages.size() == 2);
        const ast::Stage& first = sequence.stages[0];
        CHECK(Slice(text, first.span) == "[a where true]");
        CHECK(first.runs == 3);
        CHECK(Slice(text, first.runs_span) == "3");
        CHECK(Slice(text, first.keys_span) == "by x");
        const ast::Stage& second = sequence.stages[1];
        CHECK(second.missing);
        CHECK(Slice(text, second.span) == "![b where true]");
        CHECK(query.span.begin == 0);
        CHECK(query.span.end == text.size());
    }

    TEST_CASE("event filter category and span") {
        const ast::Query query = ParseOrFail("  \"file-v2\" where true");
        CHECK_FALSE(query.event.any);
        CHECK(query.event.category == "file-v2");
        CHECK(query.event.category_span.begin == 2);
        CHECK(query.event.category_span.end == 11);
        const ast::Query any = ParseOrFail("any where true");
        CHECK(any.event.any);
        CHECK(any.event.category.empty());
    }

    TEST_CASE("head and tail limits fold") {
        const ast::Query query = ParseOrFail("any where true | head 2 * 3 | tail 0");
        REQUIRE(query.pipes.size() == 2);
        CHECK(query.pipes[0].name == "head");
        CHECK(query.pipes[0].limit == 6);
        CHECK(query.pipes[1].name == "tail");
        CHECK(query.pipes[1].limit == 0);
    }

    TEST_CASE("join keeps its until stage") {
        const ast::Query query =
            ParseOrFail("join by a [x where true] [y where true] until [z where true]");
        CHECK(query.kind == ast::QueryKind::kJoin);
        CHECK(query.sample.stages.size() == 2);
        REQUIRE(query.sample.until.has_value());
        CHECK(query.sample.until->filter.category == "z");
    }
}

}  // namespace
}  // namespace eql::grammar
