// Syntax error tests: for each malformed query, the exact formatted diagnostic, caret line
// and note included. Every message comes from one must<> point of the grammar.
#include <doctest/doctest.h>

#include "grammar_test_support.hpp"

namespace eql::grammar {
namespace {

using testing::ErrorCode;
using testing::FormattedError;

struct ErrorCase {
    const char* query;
    const char* formatted;
};

// clang-format off
const ErrorCase kSyntaxErrors[] = {
    {R"()",
     "q.eql:1:1: error: expected an event category, 'any', 'sequence' or 'sample' to start the"
     " query\n"
     "    1 | \n"
     "      | ^\n"},
    {R"(   )",
     "q.eql:1:1: error: expected an event category, 'any', 'sequence' or 'sample' to start the"
     " query\n"
     "    1 |    \n"
     "      | ^\n"},
    {R"((process where true))",
     "q.eql:1:1: error: expected an event category, 'any', 'sequence' or 'sample' to start the"
     " query\n"
     "    1 | (process where true)\n"
     "      | ^\n"},
    {R"(where x == 1)",
     "q.eql:1:1: error: expected an event category, 'any', 'sequence' or 'sample' to start the"
     " query\n"
     "    1 | where x == 1\n"
     "      | ^~~~~\n"
     "note: 'where' is a reserved keyword; write \"where\" in double quotes to use it as an event"
     " category\n"},
    {R"(process x == 1)",
     "q.eql:1:9: error: expected 'where' after the event category\n"
     "    1 | process x == 1\n"
     "      |         ^\n"},
    {R"(process where)",
     "q.eql:1:14: error: expected a condition after 'where'\n"
     "    1 | process where\n"
     "      |              ^\n"},
    {R"(process where x ==)",
     "q.eql:1:19: error: expected a value after '=='\n"
     "    1 | process where x ==\n"
     "      |                   ^\n"},
    {R"(process where x == 1 and)",
     "q.eql:1:25: error: expected a condition after 'and'\n"
     "    1 | process where x == 1 and\n"
     "      |                         ^\n"},
    {R"(process where x == 1 or)",
     "q.eql:1:24: error: expected a condition after 'or'\n"
     "    1 | process where x == 1 or\n"
     "      |                        ^\n"},
    {R"(process where not)",
     "q.eql:1:18: error: expected a condition after 'not'\n"
     "    1 | process where not\n"
     "      |                  ^\n"},
    {R"(process where x == 1 ))",
     "q.eql:1:22: error: expected an operator, '|' or the end of the query\n"
     "    1 | process where x == 1 )\n"
     "      |                      ^\n"},
    {R"(process where (x == 1)",
     "q.eql:1:22: error: expected ')' to close the parenthesized expression\n"
     "    1 | process where (x == 1\n"
     "      |                      ^\n"},
    {R"(process where x in 1)",
     "q.eql:1:20: error: expected '(' after 'in'\n"
     "    1 | process where x in 1\n"
     "      |                    ^\n"},
    {R"(process where x in (1, 2,))",
     "q.eql:1:26: error: expected a value after ','\n"
     "    1 | process where x in (1, 2,)\n"
     "      |                          ^\n"},
    {R"(process where x in (1 2))",
     "q.eql:1:23: error: expected ',' or ')' in the list of values\n"
     "    1 | process where x in (1 2)\n"
     "      |                       ^\n"},
    {R"(process where x not like "a")",
     "q.eql:1:21: error: expected 'in' or 'in~' after 'not'\n"
     "    1 | process where x not like \"a\"\n"
     "      |                     ^~~~\n"},
    {R"(process where x : y)",
     "q.eql:1:19: error: expected a constant or a list of constants after ':'\n"
     "    1 | process where x : y\n"
     "      |                   ^\n"},
    {R"(process where x : ("a", b))",
     "q.eql:1:25: error: expected a constant after ','\n"
     "    1 | process where x : (\"a\", b)\n"
     "      |                         ^\n"},
    {R"(process where x : ("a" "b"))",
     "q.eql:1:24: error: expected ',' or ')' in the list of constants\n"
     "    1 | process where x : (\"a\" \"b\")\n"
     "      |                        ^\n"},
    {R"(process where f(a,))",
     "q.eql:1:19: error: expected an argument after ','\n"
     "    1 | process where f(a,)\n"
     "      |                   ^\n"},
    {R"(process where f(a b))",
     "q.eql:1:19: error: expected ',' or ')' after the function argument\n"
     "    1 | process where f(a b)\n"
     "      |                   ^\n"},
    {R"(process where f(])",
     "q.eql:1:17: error: expected an argument or ')' after '('\n"
     "    1 | process where f(]\n"
     "      |                 ^\n"},
    {R"(process where x.)",
     "q.eql:1:17: error: expected a field name after '.'\n"
     "    1 | process where x.\n"
     "      |                 ^\n"},
    {R"(process where x.5 == 1)",
     "q.eql:1:17: error: expected a field name after '.'\n"
     "    1 | process where x.5 == 1\n"
     "      |                 ^\n"},
    {R"(process where ? == 1)",
     "q.eql:1:17: error: expected a field name after '?'\n"
     "    1 | process where ? == 1\n"
     "      |                 ^\n"},
    {R"(process where a < b < c)",
     "q.eql:1:21: error: comparisons cannot be chained; combine them with 'and'\n"
     "    1 | process where a < b < c\n"
     "      |                     ^\n"},
    {R"(process where a !: "x")",
     "q.eql:1:17: error: '!:' is not an operator; write 'not field : value' instead\n"
     "    1 | process where a !: \"x\"\n"
     "      |                 ^\n"},
    {R"(process where x == "abc)",
     "q.eql:1:24: error: expected '\"' to close the string on the same line\n"
     "    1 | process where x == \"abc\n"
     "      |                        ^\n"},
    {R"(process where x == """abc)",
     "q.eql:1:26: error: expected '\"\"\"' to close the raw string on the same line\n"
     "    1 | process where x == \"\"\"abc\n"
     "      |                          ^\n"},
    {R"(process where `abc == 1)",
     "q.eql:1:24: error: expected '`' to close the quoted field name\n"
     "    1 | process where `abc == 1\n"
     "      |                        ^\n"},
    {R"(process where x == 'abc)",
     "q.eql:1:24: error: expected a closing single quote on the same line\n"
     "    1 | process where x == 'abc\n"
     "      |                        ^\n"},
    {R"(process where x + == 1)",
     "q.eql:1:19: error: expected a value after '+'\n"
     "    1 | process where x + == 1\n"
     "      |                   ^\n"},
    {R"(process where - == 1)",
     "q.eql:1:17: error: expected a value after the sign\n"
     "    1 | process where - == 1\n"
     "      |                 ^\n"},
    {R"(process where x * )",
     "q.eql:1:18: error: expected a value after '*'\n"
     "    1 | process where x * \n"
     "      |                  ^\n"},
    {R"(process where x == 1 | )",
     "q.eql:1:23: error: expected a pipe name such as 'head' or 'tail' after '|'\n"
     "    1 | process where x == 1 | \n"
     "      |                       ^\n"},
    {R"(process where x == 1 | head 1, )",
     "q.eql:1:31: error: expected an argument after ','\n"
     "    1 | process where x == 1 | head 1, \n"
     "      |                               ^\n"},
    {R"(process where x == 1 | head 1 2)",
     "q.eql:1:31: error: expected an operator, ',', '|' or the end of the query\n"
     "    1 | process where x == 1 | head 1 2\n"
     "      |                               ^\n"},
    {R"(sequence)",
     "q.eql:1:9: error: expected '[' to start a sequence stage\n"
     "    1 | sequence\n"
     "      |         ^\n"},
    {R"(sequence by)",
     "q.eql:1:12: error: expected a field after 'by'\n"
     "    1 | sequence by\n"
     "      |            ^\n"},
    {R"(sequence by a,)",
     "q.eql:1:15: error: expected a field after ','\n"
     "    1 | sequence by a,\n"
     "      |               ^\n"},
    {R"(sequence with)",
     "q.eql:1:14: error: expected 'maxspan' after 'with'\n"
     "    1 | sequence with\n"
     "      |              ^\n"},
    {R"(sequence with maxspan)",
     "q.eql:1:22: error: expected '=' after 'maxspan'\n"
     "    1 | sequence with maxspan\n"
     "      |                      ^\n"},
    {R"(sequence with maxspan=)",
     "q.eql:1:23: error: expected a time value such as '5m' after 'maxspan='\n"
     "    1 | sequence with maxspan=\n"
     "      |                       ^\n"},
    {R"(sequence with maxspan==5m [a where true] [b where true])",
     "q.eql:1:23: error: expected '=' after 'maxspan'\n"
     "    1 | sequence with maxspan==5m [a where true] [b where true]\n"
     "      |                       ^\n"},
    {R"(sequence [)",
     "q.eql:1:11: error: expected an event category or 'any' after '['\n"
     "    1 | sequence [\n"
     "      |           ^\n"},
    {R"(sequence [process)",
     "q.eql:1:18: error: expected 'where' after the event category\n"
     "    1 | sequence [process\n"
     "      |                  ^\n"},
    {R"(sequence [process where true)",
     "q.eql:1:29: error: expected ']' to close the subquery\n"
     "    1 | sequence [process where true\n"
     "      |                             ^\n"},
    {R"(sequence [process where true] [b where true] x)",
     "q.eql:1:46: error: expected '[' to start a stage, 'until', '|' or the end of the query\n"
     "    1 | sequence [process where true] [b where true] x\n"
     "      |                                              ^\n"},
    {R"(sequence [process where true] [b where true] until)",
     "q.eql:1:51: error: expected '[' after 'until'\n"
     "    1 | sequence [process where true] [b where true] until\n"
     "      |                                                   ^\n"},
    {R"(sequence [a where true] with)",
     "q.eql:1:29: error: expected 'runs' after 'with'\n"
     "    1 | sequence [a where true] with\n"
     "      |                             ^\n"},
    {R"(sequence [a where true] with runs)",
     "q.eql:1:34: error: expected '=' after 'runs'\n"
     "    1 | sequence [a where true] with runs\n"
     "      |                                  ^\n"},
    {R"(sequence [a where true] with runs=)",
     "q.eql:1:35: error: expected a number after 'runs='\n"
     "    1 | sequence [a where true] with runs=\n"
     "      |                                   ^\n"},
    {R"(sequence [a where true] with maxspan=5m [b where true])",
     "q.eql:1:30: error: expected 'runs' after 'with'; 'with maxspan=' goes before the first"
     " stage\n"
     "    1 | sequence [a where true] with maxspan=5m [b where true]\n"
     "      |                              ^~~~~~~\n"},
    {R"(sequence [a where true] [b where true] with runs=2 by x)",
     "q.eql:1:52: error: expected '[' to start a stage, 'until', '|' or the end of the query\n"
     "    1 | sequence [a where true] [b where true] with runs=2 by x\n"
     "      |                                                    ^~\n"},
    {R"(sample)",
     "q.eql:1:7: error: expected '[' to start a sample stage\n"
     "    1 | sample\n"
     "      |       ^\n"},
    {R"(sample by x [a where true] [b where true] until [c where true])",
     "q.eql:1:43: error: expected '[' to start a stage or the end of the query\n"
     "    1 | sample by x [a where true] [b where true] until [c where true]\n"
     "      |                                           ^~~~~\n"},
    {R"(sample by x [a where true] with runs=2)",
     "q.eql:1:28: error: expected '[' to start a stage or the end of the query\n"
     "    1 | sample by x [a where true] with runs=2\n"
     "      |                            ^~~~\n"},
    {R"(join)",
     "q.eql:1:5: error: expected '[' to start a join stage\n"
     "    1 | join\n"
     "      |     ^\n"},
    {R"(join [a where true] [b where true] x)",
     "q.eql:1:36: error: expected '[' to start a stage, 'until' or the end of the query\n"
     "    1 | join [a where true] [b where true] x\n"
     "      |                                    ^\n"},
    {R"(process where x == 1 AND y == 2)",
     "q.eql:1:22: error: expected an operator, '|' or the end of the query\n"
     "    1 | process where x == 1 AND y == 2\n"
     "      |                      ^~~\n"
     "note: keywords are lower case: write 'and'\n"},
    {R"(process where sequence == 1)",
     "q.eql:1:15: error: expected a condition after 'where'\n"
     "    1 | process where sequence == 1\n"
     "      |               ^~~~~~~~\n"
     "note: 'sequence' is a reserved keyword; write `sequence` in backquotes to use it as a field"
     " name\n"},
    {R"(sequence where true)",
     "q.eql:1:10: error: expected '[' to start a sequence stage\n"
     "    1 | sequence where true\n"
     "      |          ^~~~~\n"},
    {R"(process Where true)",
     "q.eql:1:9: error: expected 'where' after the event category\n"
     "    1 | process Where true\n"
     "      |         ^~~~~\n"
     "note: keywords are lower case: write 'where'\n"},
    {R"(process where x == 1 and where)",
     "q.eql:1:26: error: expected a condition after 'and'\n"
     "    1 | process where x == 1 and where\n"
     "      |                          ^~~~~\n"
     "note: 'where' is a reserved keyword; write `where` in backquotes to use it as a field"
     " name\n"},
    {R"(process where x = = 1)",
     "q.eql:1:17: error: expected '==' to compare values, not '='\n"
     "    1 | process where x = = 1\n"
     "      |                 ^\n"},
    {"process where x ==\n"
     "  ",
     "q.eql:1:19: error: expected a value after '=='\n"
     "    1 | process where x ==\n"
     "      |                   ^\n"},
    {R"(process where 0x1F == 1)",
     "q.eql:1:16: error: expected an operator, '|' or the end of the query\n"
     "    1 | process where 0x1F == 1\n"
     "      |                ^~~\n"},
    {R"(process where 5m == 1)",
     "q.eql:1:16: error: expected an operator, '|' or the end of the query\n"
     "    1 | process where 5m == 1\n"
     "      |                ^\n"},
    {R"(process where x == ‘a’)",
     "q.eql:1:20: error: expected a value after '=='\n"
     "    1 | process where x == ‘a’\n"
     "      |                    ^\n"},
};

// Positions on later lines, tabs, non-ASCII text, and errors inside tokens.
const ErrorCase kPositionedErrors[] = {
    {R"(process where x /* open /* nested */ == 1)",
     "q.eql:1:17: error: expected '*/' to close the block comment\n"
     "    1 | process where x /* open /* nested */ == 1\n"
     "      |                 ^\n"},
    {"process where\n"
     "  x == 1 and\n"
     "  y ==",
     "q.eql:3:7: error: expected a value after '=='\n"
     "    3 |   y ==\n"
     "      |       ^\n"},
    {R"(process where	x ==	)",
     "q.eql:1:19: error: expected a value after '=='\n"
     "    1 | process where x == \n"
     "      |                   ^\n"},
    {R"(process where x == "ü" and)",
     "q.eql:1:27: error: expected a condition after 'and'\n"
     "    1 | process where x == \"ü\" and\n"
     "      |                           ^\n"},
    {"sequence\n"
     "  [process where true]\n"
     "  [file where x == \"a]",
     "q.eql:3:23: error: expected '\"' to close the string on the same line\n"
     "    3 |   [file where x == \"a]\n"
     "      |                       ^\n"},
    {R"(process where x == "C:\Windows\temp")",
     "q.eql:1:23: error: invalid escape sequence in string; write '\\\\' for a literal backslash\n"
     "    1 | process where x == \"C:\\Windows\\temp\"\n"
     "      |                       ^\n"},
    {R"(process where x == "\q")",
     "q.eql:1:21: error: invalid escape sequence in string; write '\\\\' for a literal backslash\n"
     "    1 | process where x == \"\\q\"\n"
     "      |                     ^\n"},
    {R"(process where x == "\u{zz}")",
     "q.eql:1:21: error: invalid escape sequence in string; write '\\\\' for a literal backslash\n"
     "    1 | process where x == \"\\u{zz}\"\n"
     "      |                     ^\n"},
    {R"(process where x == "\u{}")",
     "q.eql:1:21: error: invalid escape sequence in string; write '\\\\' for a literal backslash\n"
     "    1 | process where x == \"\\u{}\"\n"
     "      |                     ^\n"},
    {R"(process where x == "\u12")",
     "q.eql:1:21: error: invalid escape sequence in string; write '\\\\' for a literal backslash\n"
     "    1 | process where x == \"\\u12\"\n"
     "      |                     ^\n"},
    {"process where x == 1\n"
     "| head 1\n"
     "| tail\n"
     "| ",
     "q.eql:4:2: error: expected a pipe name such as 'head' or 'tail' after '|'\n"
     "    4 | | \n"
     "      |  ^\n"},
};
// clang-format on

TEST_SUITE("grammar syntax errors") {
    TEST_CASE("malformed queries report the expected error") {
        for (const ErrorCase& row : kSyntaxErrors) {
            CAPTURE(row.query);
            CHECK(FormattedError(row.query) == row.formatted);
            CHECK(ErrorCode(row.query) == "syntax");
        }
    }

    TEST_CASE("error line and column") {
        for (const ErrorCase& row : kPositionedErrors) {
            CAPTURE(row.query);
            CHECK(FormattedError(row.query) == row.formatted);
            CHECK(ErrorCode(row.query) == "syntax");
        }
    }

    TEST_CASE("syntax error beats builder error") {
        // The single-quoted string is a builder error; the missing ']' is found later but is
        // a syntax error, which Elasticsearch also reports first.
        CHECK(FormattedError("sequence [a where x == 'b'] [b where true") ==
              "q.eql:1:42: error: expected ']' to close the subquery\n"
              "    1 | sequence [a where x == 'b'] [b where true\n"
              "      |                                          ^\n");
    }
}

}  // namespace
}  // namespace eql::grammar
