// Builder check tests: queries that parse but that Elasticsearch rejects while building its
// tree, each with its diagnostic code and message, plus the spans the carets point at.
#include <doctest/doctest.h>

#include <string>

#include "grammar/parse.hpp"
#include "grammar_test_support.hpp"

namespace eql::grammar {
namespace {

using testing::DumpOrError;
using testing::FormattedError;

struct CheckCase {
    const char* query;
    const char* code;
    const char* message;
};

// clang-format off
const CheckCase kChecks[] = {
    {R"(process where x == 'abc')",
     R"(single-quoted-string)",
     R"(Use double quotes ["] to define string literals, not single quotes ['])"},
    {R"('process' where true)",
     R"(single-quoted-string)",
     R"(Use double quotes ["] to define string literals, not single quotes ['])"},
    {R"(process where x == ?"abc")",
     R"(question-mark-string)",
     R"(Use triple double quotes ["""] to define unescaped string literals, not [?"])"},
    {R"(process where x == ?'abc')",
     R"(question-mark-string)",
     R"(Use triple double quotes ["""] to define unescaped string literals, not [?'])"},
    {R"(process where x == "\u{D}")",
     R"(invalid-unicode-escape)",
     R"(Unicode sequence should use [2-8] hex digits, [\u{D}] has [1])"},
    {R"(process where x == "\u{123456789}")",
     R"(invalid-unicode-escape)",
     R"(Unicode sequence should use [2-8] hex digits, [\u{123456789}] has [9])"},
    {R"(process where x == "\u{D800}")",
     R"(invalid-unicode-escape)",
     R"(Invalid unicode character code, [D800] is a surrogate code)"},
    {R"(process where x == "\u{dfff}")",
     R"(invalid-unicode-escape)",
     R"(Invalid unicode character code, [dfff] is a surrogate code)"},
    {R"(process where x == "\u{110000}")",
     R"(invalid-unicode-escape)",
     R"(Invalid unicode character code [110000])"},
    {R"(process where x == "\u{FFFFFFFF}")",
     R"(invalid-unicode-escape)",
     R"(Invalid unicode character code [FFFFFFFF])"},
    {R"(sequence with maxspan=10 [a where true] [b where true])",
     R"(maxspan-without-unit)",
     R"(No time unit specified, did you mean [s] as in [10s]?)"},
    {R"(sequence with maxspan=1.5m [a where true] [b where true])",
     R"(maxspan-decimal)",
     R"(Decimal time interval [1.5] not supported; please use an positive integer)"},
    {R"(sequence with maxspan=0s [a where true] [b where true])",
     R"(maxspan-not-positive)",
     R"(A positive maxspan value is required; found [0])"},
    {R"(sequence with maxspan=2w [a where true] [b where true])",
     R"(maxspan-unknown-unit)",
     R"(Unrecognized time unit [w] in [2w], please specify one of [ms, s, m, h, d])"},
    {R"(sequence with maxspan=30S [a where true] [b where true])",
     R"(maxspan-unknown-unit)",
     R"(Unrecognized time unit [S] in [30S], please specify one of [ms, s, m, h, d])"},
    {R"(sequence with maxspan=5 mins [a where true] [b where true])",
     R"(maxspan-unknown-unit)",
     R"(Unrecognized time unit [mins] in [5mins], please specify one of [ms, s, m, h, d])"},
    {R"(sequence with maxspan=200000d [a where true] [b where true])",
     R"(maxspan-too-large)",
     R"(maxspan '200000d' is too large; the maximum is 106751d)"},
    {R"(sequence with maxspan=99999999999999999999s [a where true] [b where true])",
     R"(maxspan-too-large)",
     R"(maxspan '99999999999999999999s' is too large; the maximum is 9223372036s)"},
    {R"(process where process.args[0] == "x")",
     R"(array-index)",
     R"(Array indexes are not supported)"},
    {R"(process where a.b[1].c == 1)",
     R"(array-index)",
     R"(Array indexes are not supported)"},
    {R"(process where child of [process where true])",
     R"(process-relationship)",
     R"(Process relationships are not supported)"},
    {R"(process where descendant of [process where true])",
     R"(process-relationship)",
     R"(Process relationships are not supported)"},
    {R"(process where event of [process where true])",
     R"(process-relationship)",
     R"(Process relationships are not supported)"},
    {R"(process where not child of [process where true])",
     R"(process-relationship)",
     R"(Process relationships are not supported)"},
    {R"(sequence with maxspan=1m by user.name [a where true] [b where true])",
     R"(by-after-with)",
     R"(Please specify sequence [by] before [with] not after)"},
    {R"(sequence with maxspan=10 by user.name [a where true] [b where true])",
     R"(by-after-with)",
     R"(Please specify sequence [by] before [with] not after)"},
    {R"(sequence [a where true] by x [b where true] by x, y)",
     R"(join-key-count)",
     R"(Inconsistent number of join keys specified; expected [1] but found [2])"},
    {R"(sequence [a where true] by x [b where true] by y until [c where true])",
     R"(join-key-count)",
     R"(Inconsistent number of join keys specified; expected [1] but found [0])"},
    {R"(sample by h [a where true] by x [b where true])",
     R"(join-key-count)",
     R"(Inconsistent number of join keys specified; expected [1] but found [0])"},
    {R"(join [a where true] by x, y [b where true] by x)",
     R"(join-key-count)",
     R"(Inconsistent number of join keys specified; expected [2] but found [1])"},
    {R"(sequence by length(x) [a where true] [b where true])",
     R"(unsupported-join-key)",
     R"(Unsupported join key)"},
    {R"(sequence [a where true] by "x" [b where true] by y)",
     R"(unsupported-join-key)",
     R"(Unsupported join key)"},
    {R"(sequence [a where true] by x == 1 [b where true] by y)",
     R"(unsupported-join-key)",
     R"(Unsupported join key)"},
    {R"(sample by 1 [a where true] [b where true])",
     R"(unsupported-join-key)",
     R"(Unsupported join key)"},
    {R"(process where true | head x)",
     R"(pipe-argument)",
     R"(Pipe [head] expects a positive integer but found [x])"},
    {R"(process where true | head -1)",
     R"(pipe-argument)",
     R"(Pipe [head] expects a positive integer but found [-1])"},
    {R"(process where true | head 1.5)",
     R"(pipe-argument)",
     R"(Pipe [head] expects a positive integer but found [1.5])"},
    {R"(process where true | head "5")",
     R"(pipe-argument)",
     R"(Pipe [head] expects a positive integer but found ["5"])"},
    {R"(process where true | head)",
     R"(pipe-argument-count)",
     R"(Pipe [head] expects exactly one argument but found [0])"},
    {R"(process where true | tail 1, 2)",
     R"(pipe-argument-count)",
     R"(Pipe [tail] expects exactly one argument but found [2])"},
    {R"(process where true | head 3000000000)",
     R"(pipe-argument)",
     R"(Pipe [head] expects a positive integer but found [3000000000])"},
    {R"(process where true | count)",
     R"(unsupported-pipe)",
     R"(Pipe [count] is not supported)"},
    {R"(process where true | unique a, b)",
     R"(unsupported-pipe)",
     R"(Pipe [unique] is not supported)"},
    {R"(process where true | filter a == 1)",
     R"(unsupported-pipe)",
     R"(Pipe [filter] is not supported)"},
    {R"(process where true | sort a)",
     R"(unsupported-pipe)",
     R"(Pipe [sort] is not supported)"},
    {R"(process where true | unique_count a)",
     R"(unsupported-pipe)",
     R"(Pipe [unique_count] is not supported)"},
    {R"(process where true | foo 1)",
     R"(unknown-pipe)",
     R"(Unrecognized pipe [foo])"},
    {R"(process where true | heda 1)",
     R"(unknown-pipe)",
     R"(Unrecognized pipe [heda], did you mean [head]?)"},
    {R"(process where true | tial 1)",
     R"(unknown-pipe)",
     R"(Unrecognized pipe [tial], did you mean [tail]?)"},
    {R"(process where true | cont)",
     R"(unknown-pipe)",
     R"(Unrecognized pipe [cont], did you mean any of [count, sort]?)"},
    {R"(process where true | uniq a)",
     R"(unknown-pipe)",
     R"(Unrecognized pipe [uniq], did you mean [unique]?)"},
    {R"(sample by h [a where true] [b where true] | head 1)",
     R"(pipe-after-sample)",
     R"(pipes are not supported after a sample)"},
    {R"(sequence [a where true] with runs=0 [b where true])",
     R"(runs-out-of-range)",
     R"('runs' must be an integer from 1 to 100, found '0')"},
    {R"(sequence [a where true] with runs=101 [b where true])",
     R"(runs-out-of-range)",
     R"('runs' must be an integer from 1 to 100, found '101')"},
    {R"(sequence [a where true] with runs=1.5 [b where true])",
     R"(runs-out-of-range)",
     R"('runs' must be an integer from 1 to 100, found '1.5')"},
    {R"(sequence [a where true] with repeat=2 [b where true])",
     R"(unknown-stage-option)",
     R"(unknown stage option 'repeat'; the only option is 'runs')"},
    {R"(sequence [a where true] [b where true] until [c where true] with runs=2)",
     R"(runs-on-until)",
     R"('with runs=' is not allowed on the until clause)"},
    {R"(sequence [a where true])",
     R"(too-few-stages)",
     R"(a sequence requires at least 2 stages (the until clause does not count))"},
    {R"(sequence [a where true] until [b where true])",
     R"(too-few-stages)",
     R"(a sequence requires at least 2 stages (the until clause does not count))"},
    {R"(sequence [a where true] ![b where true])",
     R"(missing-stage-without-maxspan)",
     R"(a sequence with a missing-event stage '![' requires 'with maxspan=')"},
    {R"(sequence with maxspan=5m ![a where true] ![b where true])",
     R"(no-positive-stage)",
     R"(a sequence requires at least one stage that is not a missing-event stage '![')"},
    {R"(sequence with maxspan=5m [a where true] [b where true] until ![c where true])",
     R"(missing-until)",
     R"(the until clause cannot be a missing-event stage '![')"},
    {R"(sample by h [a where true] ![b where true])",
     R"(missing-stage-outside-sequence)",
     R"(missing-event stages '![' are allowed only in a sequence)"},
    {R"(join [a where true] ![b where true])",
     R"(missing-stage-outside-sequence)",
     R"(missing-event stages '![' are allowed only in a sequence)"},
    {R"(join [a where true] [b where true] until ![c where true])",
     R"(missing-stage-outside-sequence)",
     R"(missing-event stages '![' are allowed only in a sequence)"},
};
// clang-format on

TEST_SUITE("grammar builder checks") {
    TEST_CASE("rejected constructs report code and message") {
        for (const CheckCase& row : kChecks) {
            CAPTURE(row.query);
            const ParseResult result = ParseQuery(row.query);
            REQUIRE_FALSE(result.query.has_value());
            CHECK(result.error->code == row.code);
            CHECK(result.error->message == row.message);
            CHECK(result.error->severity == Severity::kError);
        }
    }

    TEST_CASE("valid edge values are accepted") {
        CHECK(DumpOrError(R"(any where x == "\u{10FFFF}\u{7f}")") ==
              "(event any (== x \"\xF4\x8F\xBF\xBF\\u{7F}\"))");
        CHECK(DumpOrError("sequence [a where true] with runs=1 [b where true] with runs=100") ==
              "(sequence (stage (event a true) (runs 1)) (stage (event b true) (runs 100)))");
        CHECK(DumpOrError("sequence [a where true] with runs=2") ==
              "(sequence (stage (event a true) (runs 2)))");
        CHECK(DumpOrError("sequence with maxspan=106751d [a where true] [b where true]") ==
              "(sequence (maxspan 9223286400000000000) (stage (event a true)) "
              "(stage (event b true)))");
        CHECK(DumpOrError("any where true | head 0 | tail 2147483647") ==
              "(event any true) (pipe head 0) (pipe tail 2147483647)");
        CHECK(DumpOrError("sequence by ?a [x where true] by (b) [y where true] by ?c") ==
              "(sequence (by ?a) (stage (event x true) (by b)) (stage (event y true) (by ?c)))");
    }

    TEST_CASE("by-after-with reported first") {
        CHECK(DumpOrError("sequence with maxspan=10 by user.name [a where true] [b where true]") ==
              "error [by-after-with]: Please specify sequence [by] before [with] not after");
    }

    TEST_CASE("unicode errors underline the escape") {
        CHECK(FormattedError(R"(any where x == "ab\u{D}cd")") ==
              "q.eql:1:19: error: Unicode sequence should use [2-8] hex digits, [\\u{D}] has [1]\n"
              "    1 | any where x == \"ab\\u{D}cd\"\n"
              "      |                   ^~~~~\n");
    }

    TEST_CASE("key count error underlines keys") {
        CHECK(FormattedError("sequence [a where true] by x [b where true] by x, y") ==
              "q.eql:1:45: error: Inconsistent number of join keys specified; expected [1] but "
              "found [2]\n"
              "    1 | sequence [a where true] by x [b where true] by x, y\n"
              "      |                                             ^~~~~~~\n");
    }

    TEST_CASE("missing stages point at their opening") {
        CHECK(FormattedError("sequence [a where true] ![b where true]") ==
              "q.eql:1:25: error: a sequence with a missing-event stage '![' requires "
              "'with maxspan='\n"
              "    1 | sequence [a where true] ![b where true]\n"
              "      |                         ^~\n");
    }

    TEST_CASE("pipe argument error span") {
        CHECK(FormattedError("any where true | tail 2 - 5") ==
              "q.eql:1:23: error: Pipe [tail] expects a positive integer but found [2 - 5]\n"
              "    1 | any where true | tail 2 - 5\n"
              "      |                       ^~~~~\n");
    }
}

}  // namespace
}  // namespace eql::grammar
