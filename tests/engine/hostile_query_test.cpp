// Tests of eql::Compile and the Runner on hostile queries: nesting far past the limit, huge
// in-lists and literals, invalid regular expressions and escapes, wildcard patterns that would
// backtrack, NUL bytes, invalid UTF-8 and random bytes. Each gives a plan or an error with its
// exact message, in bounded time, and never a crash.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eql/engine.hpp"
#include "engine/io/event_reader.hpp"

namespace {

struct Compiled {
    eql::EventLayout layout;
    eql::CompileResult result;
};

std::unique_ptr<Compiled> CompileText(std::string_view text) {
    auto compiled = std::make_unique<Compiled>();
    compiled->result = eql::Compile(text, compiled->layout);
    return compiled;
}

// The one diagnostic of a query that must fail.
eql::Diagnostic SingleError(std::string_view text) {
    std::unique_ptr<Compiled> compiled = CompileText(text);
    CHECK(compiled->result.plan == nullptr);
    REQUIRE(compiled->result.diagnostics.size() == 1);
    CHECK(compiled->result.diagnostics[0].severity == eql::Severity::kError);
    return compiled->result.diagnostics[0];
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// Runs a compiled plan over NDJSON events and returns the number of matches and the time the
// runner took, reading excluded.
struct RunOutcome {
    size_t matches = 0;
    double milliseconds = 0;
};

RunOutcome RunOver(Compiled& compiled, const std::string& ndjson) {
    REQUIRE(compiled.result.plan != nullptr);
    std::vector<eql::EventPtr> events;
    eql::EventReader reader(compiled.layout);
    reader.ReadText("events.ndjson", ndjson,
                    [&events](eql::EventPtr event) { events.push_back(std::move(event)); }, {});

    RunOutcome outcome;
    auto start = std::chrono::steady_clock::now();
    eql::Runner runner({compiled.result.plan}, {},
                       [&outcome](const eql::Match&) { ++outcome.matches; });
    for (eql::EventPtr& event : events) {
        runner.Push(std::move(event));
    }
    runner.Finish();
    outcome.milliseconds = MillisecondsSince(start);
    return outcome;
}

std::string EventWithName(int64_t timestamp, std::string_view name) {
    return "{\"@timestamp\":" + std::to_string(timestamp) +
           ",\"event\":{\"category\":\"process\"},\"process\":{\"name\":\"" + std::string(name) +
           "\"}}\n";
}

// A list of `count` names "name0", "name1"..., for `process.name in (...)`.
std::string InQuery(int count) {
    std::string query = "process where process.name in (";
    for (int i = 0; i < count; ++i) {
        query += (i > 0 ? ", \"name" : "\"name") + std::to_string(i) + "\"";
    }
    return query + ")";
}

// A small deterministic generator, so that the random-byte test is the same on every run.
uint64_t NextRandom(uint64_t* state) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state >> 33;
}

}  // namespace

TEST_SUITE("hostile_query") {

TEST_CASE("100,000 parentheses stop at the nesting limit") {
    std::string query = "process where " + std::string(100000, '(') + "true" +
                        std::string(100000, ')');
    auto start = std::chrono::steady_clock::now();
    eql::Diagnostic error = SingleError(query);
    CHECK(error.code == "nesting-limit");
    CHECK(error.message == "expression nesting exceeds the limit of 256 levels");
    CHECK(error.offset == 14 + 256);
    CHECK(MillisecondsSince(start) < 2000);
}

TEST_CASE("100,000 nots stop at the nesting limit") {
    std::string query = "process where ";
    for (int i = 0; i < 100000; ++i) {
        query += "not ";
    }
    query += "true";
    eql::Diagnostic error = SingleError(query);
    CHECK(error.code == "nesting-limit");
    CHECK(error.message == "expression nesting exceeds the limit of 256 levels");
}

TEST_CASE("long operator chains compile or stop at the limit") {
    std::string ors = "process where process.pid == 0";
    std::string sums = "process where process.pid == 0";
    for (int i = 1; i < 100000; ++i) {
        ors += " or process.pid == " + std::to_string(i);
        sums += " + 1";
    }
    std::unique_ptr<Compiled> flat = CompileText(ors);
    REQUIRE(flat->result.plan != nullptr);
    CHECK(RunOver(*flat, EventWithName(1, "a")).matches == 0);

    // `a + 1 + 1 ...` nests to the left, one level per operator.
    eql::Diagnostic deep = SingleError(sums);
    CHECK(deep.code == "nesting-limit");
    CHECK(deep.message == "expression nesting exceeds the limit of 256 levels");
}

TEST_CASE("many stages and pipes give an error or a plan") {
    std::string stages = "sequence";
    for (int i = 0; i < 10000; ++i) {
        stages += " [process where true]";
    }
    std::unique_ptr<Compiled> staged = CompileText(stages);
    REQUIRE(staged->result.plan != nullptr);
    RunOutcome staged_run =
        RunOver(*staged, EventWithName(1, "a") + EventWithName(2, "b") + EventWithName(3, "c"));
    CHECK(staged_run.matches == 0);
    CHECK(staged_run.milliseconds < 1000);

    std::string pipes = "process where true";
    for (int i = 0; i < 100000; ++i) {
        pipes += " | head 5";
    }
    std::unique_ptr<Compiled> piped = CompileText(pipes);
    REQUIRE(piped->result.plan != nullptr);
    CHECK(RunOver(*piped, EventWithName(1, "a") + EventWithName(2, "b")).matches == 2);
}

TEST_CASE("nesting just under the limit compiles and runs") {
    std::string query = "process where " + std::string(200, '(') + "process.name == \"a\"" +
                        std::string(200, ')');
    std::unique_ptr<Compiled> compiled = CompileText(query);
    REQUIRE(compiled->result.plan != nullptr);
    CHECK(RunOver(*compiled, EventWithName(1, "a") + EventWithName(2, "b")).matches == 1);
}

TEST_CASE("a 10,000-value in list is as fast as a short one") {
    std::unique_ptr<Compiled> long_list = CompileText(InQuery(10000));
    std::unique_ptr<Compiled> short_list = CompileText(InQuery(10));
    REQUIRE(long_list->result.plan != nullptr);
    REQUIRE(short_list->result.plan != nullptr);

    // Names outside both lists, so that a linear scan would compare all 10,000 values.
    std::string events;
    for (int i = 0; i < 20000; ++i) {
        events += EventWithName(i, i % 1000 == 0 ? "name9999" : "other" + std::to_string(i));
    }
    RunOutcome long_run = RunOver(*long_list, events);
    RunOutcome short_run = RunOver(*short_list, events);
    MESSAGE("20,000 events: 10,000 values in " << long_run.milliseconds << " ms, 10 values in "
                                               << short_run.milliseconds << " ms");
    CHECK(long_run.matches == 20);
    CHECK(short_run.matches == 0);
    // A linear scan makes 200 million comparisons here, seconds even in a Release build.
    CHECK(long_run.milliseconds < 4 * short_run.milliseconds + 200);
}

TEST_CASE("a 1 MB string literal compiles and matches") {
    std::string value(1 << 20, 'x');
    std::unique_ptr<Compiled> compiled =
        CompileText("process where process.name == \"" + value + "\"");
    REQUIRE(compiled->result.plan != nullptr);
    CHECK(compiled->result.diagnostics.empty());
    RunOutcome outcome = RunOver(*compiled, EventWithName(1, value) + EventWithName(2, "x"));
    CHECK(outcome.matches == 1);
}

TEST_CASE("backtracking wildcard patterns stay linear on 1 MB values") {
    std::string value(1 << 20, 'a');
    // The second pattern ends in a star, so its 'b' is searched for all along the value.
    for (std::string_view pattern : {"*a*a*a*a*a*a*a*b", "*a*a*a*a*a*a*a*b*"}) {
        CAPTURE(pattern);
        std::unique_ptr<Compiled> compiled =
            CompileText("process where process.name : \"" + std::string(pattern) + "\"");
        REQUIRE(compiled->result.plan != nullptr);
        RunOutcome miss = RunOver(*compiled, EventWithName(1, value));
        RunOutcome hit = RunOver(*compiled, EventWithName(1, value + "b"));
        MESSAGE(pattern << " on 1 MiB: " << miss.milliseconds << " ms without a match, "
                        << hit.milliseconds << " ms with one");
        CHECK(miss.matches == 0);
        CHECK(hit.matches == 1);
        CHECK(miss.milliseconds < 500);
        CHECK(hit.milliseconds < 500);
    }
}

TEST_CASE("backtracking like patterns and regexes stay linear on 1 MB values") {
    std::string value(1 << 20, 'a');
    for (std::string_view query :
         {"process where process.name like~ \"*A*A*A*A*A*A*A*B\"",
          "process where process.name : \"?*?*?*?*?*?*b\"",
          "process where process.name regex \"(a+)+b\"",
          "process where process.name regex \"(a|aa)*b\""}) {
        CAPTURE(query);
        std::unique_ptr<Compiled> compiled = CompileText(query);
        REQUIRE(compiled->result.plan != nullptr);
        RunOutcome outcome = RunOver(*compiled, EventWithName(1, value));
        CHECK(outcome.matches == 0);
        CHECK(outcome.milliseconds < 1000);
    }
}

TEST_CASE("invalid regular expressions are errors") {
    struct Row {
        std::string query;
        uint32_t offset;
        std::string message;
    };
    const Row rows[] = {
        {"process where process.name regex \"a(b\"", 33,
         "invalid regular expression [a(b]: expected ')' at position 3"},
        {"process where process.name regex \"[z-a]\"", 33,
         "invalid regular expression [[z-a]]: invalid range: from cannot be greater than to at "
         "position 4"},
        {"process where process.name regex~ (\"a\", \"[abc\")", 40,
         "invalid regular expression [[abc]: expected ']' at position 4"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.query);
        eql::Diagnostic error = SingleError(row.query);
        CHECK(error.code == "invalid-regex");
        CHECK(error.offset == row.offset);
        CHECK(error.message == row.message);
    }
}

TEST_CASE("unknown escape sequences are errors") {
    eql::Diagnostic error = SingleError("process where process.name == \"C:\\Windows\"");
    CHECK(error.code == "syntax");
    CHECK(error.offset == 33);
    CHECK(error.message ==
          "invalid escape sequence in string; write '\\\\' for a literal backslash");
}

TEST_CASE("a NUL byte outside a string is an error") {
    eql::Diagnostic error = SingleError(std::string("process where true\0", 19));
    CHECK(error.code == "syntax");
    CHECK(error.offset == 18);
    CHECK(error.message == "expected an operator, '|' or the end of the query");
}

TEST_CASE("a NUL byte inside a string is part of the value") {
    std::unique_ptr<Compiled> compiled =
        CompileText(std::string("process where process.name == \"a\0b\"", 35));
    REQUIRE(compiled->result.plan != nullptr);
    CHECK(RunOver(*compiled, EventWithName(1, "a\\u0000b") + EventWithName(2, "ab")).matches ==
          1);
}

TEST_CASE("invalid UTF-8 in a query is an error at its first bad byte") {
    struct Row {
        std::string query;
        uint32_t offset;
    };
    const Row rows[] = {
        {"process where process.name == \"caf\xE9\"", 34},
        {"process where process.name == \"\xC0\xAF\"", 31},
        {"process where process.name == \"\xED\xA0\x80\"", 31},
        {"process where true // \xF4\x90\x80\x80", 22},
        {"process where process.\xFFname == 1", 22},
        {"process where process.name == \"\xE2\x82", 31},
    };
    for (const Row& row : rows) {
        CAPTURE(row.query);
        eql::Diagnostic error = SingleError(row.query);
        CHECK(error.code == "invalid-utf8");
        CHECK(error.offset == row.offset);
        CHECK(error.message == "invalid UTF-8 in the query");
    }

    std::unique_ptr<Compiled> valid =
        CompileText("process where process.name == \"caf\xC3\xA9 \xF0\x9F\x99\x82\"");
    CHECK(valid->result.plan != nullptr);
}

TEST_CASE("100,000 nested function calls stop at the nesting limit") {
    std::string query = "process where ";
    for (int i = 0; i < 100000; ++i) {
        query += "length(";
    }
    query += "process.name" + std::string(100000, ')') + " == 1";
    eql::Diagnostic error = SingleError(query);
    CHECK(error.code == "nesting-limit");
    // The 257th call: "process where " is 14 bytes and each "length(" 7.
    CHECK(error.offset == 14 + 256 * 7);
    CHECK(error.message == "expression nesting exceeds the limit of 256 levels");
}

TEST_CASE("100,000 open brackets are a syntax error") {
    eql::Diagnostic error = SingleError("sequence " + std::string(100000, '['));
    CHECK(error.code == "syntax");
    CHECK(error.offset == 10);
    CHECK(error.message == "expected an event category or 'any' after '['");
}

TEST_CASE("an unterminated 1 MB string is a syntax error") {
    eql::Diagnostic error =
        SingleError("process where process.name == \"" + std::string(1 << 20, 'x'));
    CHECK(error.code == "syntax");
    CHECK(error.offset == 31 + (1 << 20));
    CHECK(error.message == "expected '\"' to close the string on the same line");
}

TEST_CASE("random bytes give a plan or an error") {
    const std::string_view words[] = {"process", " where ", "sequence", " [", "] ", "(", ")",
                                      "\"", "not ", " and ", "==", ":", "~", "*", "in ",
                                      "by ", "x.y", ",", "|", "1", "`", "?", "\\", "/*"};
    uint64_t state = 2024;
    int plans = 0;
    std::map<std::string, int> codes;
    for (int round = 0; round < 3000; ++round) {
        std::string query;
        size_t pieces = NextRandom(&state) % 24;
        for (size_t i = 0; i < pieces; ++i) {
            uint64_t pick = NextRandom(&state);
            if (pick % 3 == 0) {
                // Any byte in even rounds, ASCII in odd ones, which gets past the UTF-8 check.
                query += static_cast<char>(NextRandom(&state) & (round % 2 == 0 ? 0xFF : 0x7F));
            } else {
                query += words[pick % std::size(words)];
            }
        }
        std::unique_ptr<Compiled> compiled = CompileText(query);
        if (compiled->result.plan != nullptr) {
            ++plans;
            continue;
        }
        REQUIRE_FALSE(compiled->result.diagnostics.empty());
        for (const eql::Diagnostic& diagnostic : compiled->result.diagnostics) {
            CAPTURE(query);
            CAPTURE(diagnostic.message);
            ++codes[diagnostic.code];
            CHECK(diagnostic.offset <= query.size());
            // Messages end without a period (diagnostic.hpp). Those worded as Elasticsearch
            // words them may start in upper case.
            REQUIRE_FALSE(diagnostic.message.empty());
            CHECK(diagnostic.message.back() != '.');
        }
    }
    // The generator is deterministic, so these counts change only with the grammar.
    CHECK(plans == 1);
    const std::map<std::string, int> expected_codes = {
        {"condition-not-boolean", 1}, {"invalid-utf8", 1121}, {"syntax", 1877}};
    CHECK(codes == expected_codes);
}

TEST_CASE("hostile bytes give exact errors") {
    struct Row {
        std::string query;
        std::string code;
        uint32_t offset;
        std::string message;
    };
    const std::string start_expected =
        "expected an event category, 'any', 'sequence' or 'sample' to start the query";
    const Row rows[] = {
        {"", "syntax", 0, start_expected},
        {"`", "syntax", 0, start_expected},
        {"\xFF\xFE", "invalid-utf8", 0, "invalid UTF-8 in the query"},
        {"/*", "syntax", 0, "expected '*/' to close the block comment"},
        {"process where ~~~", "syntax", 14, "expected a condition after 'where'"},
        {"process where length(", "syntax", 21, "expected an argument or ')' after '('"},
        {"process where process.name in ()", "syntax", 31, "expected a value after '('"},
        {"process where \"\\u{110000}\" == x", "invalid-unicode-escape", 15,
         "Invalid unicode character code [110000]"},
        {"process where true | sort", "unsupported-pipe", 19, "Pipe [sort] is not supported"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.query);
        eql::Diagnostic error = SingleError(row.query);
        CHECK(error.code == row.code);
        CHECK(error.offset == row.offset);
        CHECK(error.message == row.message);
    }
}

TEST_CASE("literals past the int64 nanosecond range compare without overflow") {
    std::unique_ptr<Compiled> compiled = CompileText(
        "process where process.pid == 9223372036854775807 or process.pid == 1.5e300");
    REQUIRE(compiled->result.plan != nullptr);
    std::string events =
        "{\"@timestamp\":1,\"event\":{\"category\":\"process\"},\"process\":{\"pid\":"
        "9223372036854775807}}\n"
        "{\"@timestamp\":2,\"event\":{\"category\":\"process\"},\"process\":{\"pid\":1}}\n";
    CHECK(RunOver(*compiled, events).matches == 1);
}

}  // TEST_SUITE
