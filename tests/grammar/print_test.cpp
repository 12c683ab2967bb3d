// Printer tests: ast::Print writes canonical EQL, with parentheses only where precedence needs
// them, and parsing the printed text gives back the same tree.
#include <doctest/doctest.h>

#include <string>

#include "grammar/parse.hpp"
#include "grammar_test_support.hpp"

namespace eql::grammar {
namespace {

using testing::DumpOrError;

struct PrintCase {
    const char* query;
    const char* printed;
};

// clang-format off
const PrintCase kPrintCases[] = {
    {R"(process where (a and b) and c)",
     R"(process where (a and b) and c)"},
    {R"(process where a and (b and c))",
     R"(process where a and (b and c))"},
    {R"(process where a or (b or c) or (d and e))",
     R"(process where a or (b or c) or d and e)"},
    {R"(process where not (a == b) and not (a and b))",
     R"(process where not a == b and not (a and b))"},
    {R"(process where (not a) == b)",
     R"(process where (not a) == b)"},
    {R"(process where -(5) == -(a + b) and - -x == 1)",
     R"(process where -5 == -(a + b) and - -x == 1)"},
    {R"(process where 1 + x in (2, 3) and (1 + x) in (2, 3))",
     R"(process where 1 + x in (2, 3) and (1 + x) in (2, 3))"},
    {R"(process where (a : "b") == true and -(x : "a") == 1 and (-5) in (1))",
     R"(process where a : "b" == true and -x : "a" == 1 and (-5) in (1))"},
    {R"(process where (a - b) - c == a - (b - c) and (a * b) / c == a * (b / c) and (a + b) * c)"
     R"( == 1)",
     R"(process where a - b - c == a - (b - c) and a * b / c == a * (b / c) and (a + b) * c == 1)"},
    {R"(process where x == "a\\b" and y == "tab\there" and z == "q\"uote" and w == "\u{01}")",
     R"(process where x == """a\b""" and y == "tab\there" and z == "q\"uote" and w == "\u{01}")"},
    {R"(process where `a b` == 1 and `and`.`1x` == 2 and ?`@x`.y == 3 and `` == 4)",
     R"(process where `a b` == 1 and `and`.`1x` == 2 and ?@x.y == 3 and `` == 4)"},
    {R"("any" where true)",
     R"("any" where true)"},
    {R"("my-cat" where true)",
     R"("my-cat" where true)"},
    {R"(any where x in (0.1, 1e21, 100.0, 1e999, -0.0, 123456789.125))",
     R"(any where x in (0.1, 1e+21, 100.0, 1e999, -0.0, 123456789.125))"},
    {R"(any where f~(a) and g() and h(1, (2), 3))",
     R"(any where f~(a) and g() and h(1, 2, 3))"},
    {R"(sequence by a, ?b with maxspan=120s [x where true] by c with runs=2 ![y where true] by)"
     R"( d until [z where true] by e)",
     "sequence by a, ?b with maxspan=2m\n"
     "  [x where true] by c with runs=2\n"
     "  ![y where true] by d\n"
     "until [z where true] by e"},
    {R"(sequence with maxspan=1000ms [x where true] [y where true])",
     "sequence with maxspan=1s\n"
     "  [x where true]\n"
     "  [y where true]"},
    {R"(sequence with maxspan=1440m [x where true] [y where true])",
     "sequence with maxspan=1d\n"
     "  [x where true]\n"
     "  [y where true]"},
    {R"(sequence with maxspan=90s [x where true] [y where true])",
     "sequence with maxspan=90s\n"
     "  [x where true]\n"
     "  [y where true]"},
    {R"(sample by a [x where true] by b [y where true] by c)",
     "sample by a\n"
     "  [x where true] by b\n"
     "  [y where true] by c"},
    {R"(join by a [x where true] [y where true] until [z where true])",
     "join by a\n"
     "  [x where true]\n"
     "  [y where true]\n"
     "until [z where true]"},
    {R"(any where x : ("a", "b") and y like~ "c" and z regex """\d+""" and w not in~ ("x"))",
     R"(any where x : ("a", "b") and y like~ "c" and z regex """\d+""" and w not in~ ("x"))"},
    {R"(any where true | head 2 | tail 1)",
     R"(any where true | head 2 | tail 1)"},
    {R"(sequence [a where true] [b where true] | head 1)",
     "sequence\n"
     "  [a where true]\n"
     "  [b where true]\n"
     "| head 1"},
    {R"(any where a == -9223372036854775808 and b == 9223372036854775807)",
     R"(any where a == -9223372036854775808 and b == 9223372036854775807)"},
};
// clang-format on

std::string PrintOrError(std::string_view text) {
    const ParseResult result = ParseQuery(text);
    return result.query ? ast::Print(*result.query) : "error: " + result.error->message;
}

TEST_SUITE("grammar print") {
    TEST_CASE("queries print as canonical EQL") {
        for (const PrintCase& row : kPrintCases) {
            CAPTURE(row.query);
            CHECK(PrintOrError(row.query) == row.printed);
        }
    }

    TEST_CASE("printed queries parse back") {
        for (const PrintCase& row : kPrintCases) {
            CAPTURE(row.query);
            const std::string original = DumpOrError(row.query);
            CHECK(DumpOrError(PrintOrError(row.query)) == original);
        }
    }

    TEST_CASE("expressions print on their own") {
        const ParseResult result = ParseQuery("any where not (a or b) and c : (\"x\", \"y\")");
        REQUIRE(result.query.has_value());
        const ast::Expr& condition = *result.query->event.condition;
        CHECK(ast::Print(condition) == "not (a or b) and c : (\"x\", \"y\")");
        CHECK(ast::Dump(condition) == "(and (not (or a b)) (: c \"x\" \"y\"))");
        CHECK(ast::Print(*condition.children[1]->children[0]) == "c");
    }
}

}  // namespace
}  // namespace eql::grammar
