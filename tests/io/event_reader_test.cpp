// Tests of the event reader on text: event metadata, line handling (BOM, CRLF, blank lines),
// every skip reason with its message, the line count invariant, and clocks.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/io/read_helpers.hpp"

namespace {

using eql::testing::LayoutWith;
using eql::testing::ReadResult;
using eql::testing::SkippedTotal;

struct SkipRow {
    std::string line;
    std::string reason;
    std::string message;
};

// Reads `text`, which must give exactly one skip record, and checks it.
void CheckSingleSkip(const eql::EventLayout& layout, const SkipRow& row,
                     eql::ReadOptions options = {}) {
    CAPTURE(row.line);
    ReadResult result = eql::testing::ReadText(layout, row.line, options);
    CHECK(result.events.empty());
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].reason == row.reason);
    CHECK(result.skips[0].message == row.message);
    CHECK(result.skips[0].file == "events.ndjson");
    CHECK(result.skips[0].line == 1);
    CHECK(result.stats.lines == 1);
    CHECK(result.stats.skipped.at(row.reason) == 1);
}

}  // namespace

TEST_SUITE("event_reader") {

TEST_CASE("events carry file, line, source and input order") {
    eql::EventLayout layout = LayoutWith({"n"});
    eql::EventReader reader(layout);
    ReadResult first = eql::testing::ReadWith(
        reader, "{\"@timestamp\":1,\"n\":1}\n\n{\"@timestamp\":2,\"n\":2}\n", "a.ndjson");
    ReadResult second = eql::testing::ReadWith(reader, "{\"@timestamp\":3}", "b.ndjson");

    REQUIRE(first.events.size() == 2);
    REQUIRE(second.events.size() == 1);
    CHECK(*first.events[0]->file == "a.ndjson");
    CHECK(first.events[0]->line == 1);
    CHECK(first.events[1]->line == 3);
    CHECK(first.events[1]->source == "{\"@timestamp\":2,\"n\":2}");
    CHECK(*second.events[0]->file == "b.ndjson");
    CHECK(first.events[0]->input_order == 0);
    CHECK(first.events[1]->input_order == 1);
    CHECK(second.events[0]->input_order == 2);
    CHECK(second.stats.lines == 3);
    CHECK(second.stats.events == 3);
}

TEST_CASE("BOM, CRLF, blank lines and no final newline are normal input") {
    std::string text =
        "\xEF\xBB\xBF{\"@timestamp\":1}\r\n\r\n   \n\t\r\n{\"@timestamp\":2}\r\n{\"@timestamp\":3}";
    ReadResult result = eql::testing::ReadText(LayoutWith({}), text);
    REQUIRE(result.events.size() == 3);
    CHECK(result.skips.empty());
    CHECK(result.events[0]->source == "{\"@timestamp\":1}");
    CHECK(result.events[0]->line == 1);
    CHECK(result.events[1]->source == "{\"@timestamp\":2}");
    CHECK(result.events[1]->line == 5);
    CHECK(result.events[2]->source == "{\"@timestamp\":3}");
    CHECK(result.events[2]->line == 6);
    CHECK(result.stats.lines == 3);
}

TEST_CASE("empty input gives no lines") {
    for (const char* text : {"", "\n\n", "\xEF\xBB\xBF", "  \r\n"}) {
        CAPTURE(text);
        ReadResult result = eql::testing::ReadText(LayoutWith({}), text);
        CHECK(result.events.empty());
        CHECK(result.skips.empty());
        CHECK(result.stats.lines == 0);
    }
}

TEST_CASE("malformed lines are skipped with simdjson's error") {
    eql::EventLayout layout = LayoutWith({});
    const SkipRow rows[] = {
        {"{\"a\":1", "invalid-json",
         "not valid JSON: the JSON document has an improper structure: missing or superfluous "
         "commas, braces, missing keys, etc"},
        {"{\"a\":1}}", "invalid-json",
         "not valid JSON: the JSON document has an improper structure: missing or superfluous "
         "commas, braces, missing keys, etc"},
        {"{\"a\":\"x", "invalid-json", "not valid JSON: a string is opened, but never closed"},
        {"{\"a\":tru}", "invalid-json",
         "not valid JSON: problem while parsing an atom starting with the letter 't'"},
        {"{\"a\":01}", "invalid-json", "not valid JSON: invalid number '01'"},
        {"{\"a\":1.}", "invalid-json", "not valid JSON: invalid number '1.'"},
        {"{\"a\":-}", "invalid-json", "not valid JSON: invalid number '-'"},
        {"// a comment", "invalid-json",
         "not valid JSON: the JSON document has an improper structure: missing or superfluous "
         "commas, braces, missing keys, etc"},
        {std::string("{\"a\":\"\x01\"}"), "invalid-json",
         "not valid JSON: within strings, some characters must be escaped, we found unescaped "
         "characters"},
    };
    for (const SkipRow& row : rows) {
        CheckSingleSkip(layout, row);
    }
}

TEST_CASE("values other than objects are skipped") {
    eql::EventLayout layout = LayoutWith({});
    const SkipRow rows[] = {
        {"\"text\"", "not-an-object", "expected a JSON object, found a string"},
        {"42", "not-an-object", "expected a JSON object, found a number"},
        {"-1.5", "not-an-object", "expected a JSON object, found a number"},
        {"true", "not-an-object", "expected a JSON object, found a boolean"},
        {"null", "not-an-object", "expected a JSON object, found null"},
    };
    for (const SkipRow& row : rows) {
        CheckSingleSkip(layout, row);
    }

    // On a later line, since a first line starting with '[' makes the input a JSON array.
    ReadResult result =
        eql::testing::ReadText(layout, "{\"@timestamp\":1}\n[{\"@timestamp\":2}]\n");
    CHECK(result.events.size() == 1);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].line == 2);
    CHECK(result.skips[0].reason == "not-an-object");
    CHECK(result.skips[0].message == "expected a JSON object, found an array");
}

TEST_CASE("invalid UTF-8 is skipped with its byte position") {
    eql::EventLayout layout = LayoutWith({});
    const SkipRow rows[] = {
        {"{\"a\":\"\xFF\"}", "invalid-utf8", "invalid UTF-8 at byte 7 of the line"},
        {"{\"a\":\"\xC3\xA9\xC0\xAF\"}", "invalid-utf8", "invalid UTF-8 at byte 9 of the line"},
        {"{\"\xED\xA0\x80\":1}", "invalid-utf8", "invalid UTF-8 at byte 3 of the line"},
        {"{\"a\":\"\xF4\x90\x80\x80\"}", "invalid-utf8", "invalid UTF-8 at byte 7 of the line"},
        {"{\"a\":\"\xE2\x82\"}", "invalid-utf8", "invalid UTF-8 at byte 7 of the line"},
    };
    for (const SkipRow& row : rows) {
        CheckSingleSkip(layout, row);
    }
}

TEST_CASE("nesting past the depth limit is skipped") {
    eql::EventLayout layout = LayoutWith({});
    eql::ReadOptions options;
    options.max_depth = 3;
    CheckSingleSkip(layout,
                    {"{\"@timestamp\":1,\"a\":{\"b\":{\"c\":{\"d\":1}}}}", "too-deep",
                     "JSON nesting is deeper than the limit of 3 levels"},
                    options);
    CheckSingleSkip(layout,
                    {"{\"@timestamp\":1,\"a\":[[[1]]]}", "too-deep",
                     "JSON nesting is deeper than the limit of 3 levels"},
                    options);

    ReadResult kept =
        eql::testing::ReadText(layout, "{\"@timestamp\":1,\"a\":{\"b\":{\"c\":1}}}", options);
    CHECK(kept.events.size() == 1);
}

TEST_CASE("default depth limit rejects deep nesting without crashing") {
    std::string deep = "{\"@timestamp\":1,\"a\":" + std::string(100000, '[') +
                       std::string(100000, ']') + "}";
    CheckSingleSkip(LayoutWith({"a"}), {deep, "too-deep",
                                        "JSON nesting is deeper than the limit of 128 levels"});
}

TEST_CASE("lines over the length limit are skipped") {
    eql::EventLayout layout = LayoutWith({});
    eql::ReadOptions options;
    options.max_line_bytes = 20;
    std::string fits = "{\"@timestamp\":12345}";  // 20 bytes
    ReadResult result = eql::testing::ReadText(
        layout, fits + "\r\n" + "{\"@timestamp\":123456}\n" + fits, options);
    CHECK(result.events.size() == 2);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].line == 2);
    CHECK(result.skips[0].reason == "line-too-long");
    CHECK(result.skips[0].message == "line is 21 bytes long, over the limit of 20 bytes");
}

TEST_CASE("lines longer than the read blocks are dropped whole") {
    eql::EventLayout layout = LayoutWith({});
    eql::ReadOptions options;
    options.max_line_bytes = 3 << 20;
    std::string big = "{\"@timestamp\":1,\"pad\":\"" + std::string(9 << 20, 'x') + "\"}";
    std::string medium = "{\"@timestamp\":2,\"pad\":\"" + std::string(2 << 20, 'y') + "\"}";
    std::string text = big + "\r\n" + medium + "\n" + big + "\n{\"@timestamp\":3}\n" + big;
    ReadResult result = eql::testing::ReadText(layout, text, options);

    REQUIRE(result.events.size() == 2);
    CHECK(result.events[0]->source == medium);
    CHECK(result.events[0]->line == 2);
    CHECK(result.events[1]->line == 4);
    REQUIRE(result.skips.size() == 3);
    std::string expected = "line is " + std::to_string(big.size()) +
                           " bytes long, over the limit of 3145728 bytes";
    for (size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        CHECK(result.skips[i].reason == "line-too-long");
        CHECK(result.skips[i].message == expected);
    }
    CHECK(result.skips[0].line == 1);
    CHECK(result.skips[1].line == 3);
    CHECK(result.skips[2].line == 5);
    CHECK(result.stats.lines == 5);
}

TEST_CASE("numbers beyond the double range are skipped") {
    eql::EventLayout layout = LayoutWith({});
    CheckSingleSkip(layout, {"{\"@timestamp\":1,\"a\":1e999}", "number-out-of-range",
                             "number 1e999 is out of range"});
    CheckSingleSkip(layout, {"{\"@timestamp\":1,\"a\":[-2.5E+400]}", "number-out-of-range",
                             "number -2.5E+400 is out of range"});
}

TEST_CASE("missing and invalid timestamps are skipped") {
    eql::EventLayout layout = LayoutWith({});
    const SkipRow rows[] = {
        {"{\"a\":1}", "missing-timestamp", "missing timestamp field '@timestamp'"},
        {"{\"@timestamp\":null}", "missing-timestamp", "missing timestamp field '@timestamp'"},
        {"{\"@timestamp\":[]}", "missing-timestamp", "missing timestamp field '@timestamp'"},
        {"{\"@timestamp\":{\"a\":1}}", "missing-timestamp",
         "missing timestamp field '@timestamp'"},
        {"{\"@timestamp\":\"yesterday\"}", "invalid-timestamp",
         "invalid timestamp \"yesterday\" in field '@timestamp' (expected an ISO-8601 date or "
         "epoch milliseconds)"},
        {"{\"@timestamp\":\"2022-02-30T00:00:00Z\"}", "invalid-timestamp",
         "invalid timestamp \"2022-02-30T00:00:00Z\" in field '@timestamp' (expected an ISO-8601 "
         "date or epoch milliseconds)"},
        {"{\"@timestamp\":true}", "invalid-timestamp",
         "invalid timestamp true in field '@timestamp' (expected an ISO-8601 date or epoch "
         "milliseconds)"},
        {"{\"@timestamp\":\"a\\nb\\\"\"}", "invalid-timestamp",
         "invalid timestamp \"a\\u000ab\\\"\" in field '@timestamp' (expected an ISO-8601 date "
         "or epoch milliseconds)"},
        {"{\"@timestamp\":\"2262-04-12\"}", "invalid-timestamp",
         "timestamp \"2262-04-12\" in field '@timestamp' is outside the nanosecond range "
         "(1677-09-21 to 2262-04-11)"},
        {"{\"@timestamp\":9223372036855}", "invalid-timestamp",
         "timestamp 9223372036855 in field '@timestamp' is outside the nanosecond range "
         "(1677-09-21 to 2262-04-11)"},
        {"{\"@timestamp\":18446744073709551615}", "invalid-timestamp",
         "timestamp 18446744073709551615 in field '@timestamp' is outside the nanosecond range "
         "(1677-09-21 to 2262-04-11)"},
        {"{\"@timestamp\":9.3e12}", "invalid-timestamp",
         "timestamp 9.3e12 in field '@timestamp' is outside the nanosecond range (1677-09-21 to "
         "2262-04-11)"},
    };
    for (const SkipRow& row : rows) {
        CheckSingleSkip(layout, row);
    }
}

TEST_CASE("long invalid timestamps are cut in the message") {
    std::string value(100, 'x');
    CheckSingleSkip(LayoutWith({}),
                    {"{\"@timestamp\":\"" + value + "\"}", "invalid-timestamp",
                     "invalid timestamp \"" + std::string(64, 'x').append("...\"") +
                         " in field '@timestamp' (expected an ISO-8601 date or epoch "
                         "milliseconds)"});
}

TEST_CASE("the fallback timestamp field fills in a missing one") {
    eql::EventLayout layout;
    eql::ClockSpec clock;
    clock.timestamp_field = "event.ingested";
    clock.fallback_timestamp_field = "@timestamp";
    layout.AddClock(clock);
    ReadResult result = eql::testing::ReadText(
        layout,
        "{\"event\":{\"ingested\":\"1970-01-01T00:00:01Z\"},\"@timestamp\":5}\n"
        "{\"@timestamp\":5}\n"
        "{\"event.ingested\":\"bad\",\"@timestamp\":5}\n"
        "{\"other\":1}\n");

    REQUIRE(result.events.size() == 2);
    CHECK(result.events[0]->ordinals[0].timestamp_ns == 1000000000);
    CHECK(result.events[1]->ordinals[0].timestamp_ns == 5000000);
    REQUIRE(result.skips.size() == 2);
    CHECK(result.skips[0].line == 3);
    CHECK(result.skips[0].message ==
          "invalid timestamp \"bad\" in field 'event.ingested' (expected an ISO-8601 date or "
          "epoch milliseconds)");
    CHECK(result.skips[1].line == 4);
    CHECK(result.skips[1].message ==
          "missing timestamp fields 'event.ingested' and '@timestamp'");
}

TEST_CASE("timestamps keep every digit of a fractional epoch number") {
    eql::EventLayout layout;
    eql::ClockSpec clock;
    clock.timestamp_field = "a.ts";
    layout.AddClock(clock);
    ReadResult result = eql::testing::ReadText(
        layout,
        "{\"a\":{\"ts\":1649098320600.7809}}\n"
        "{\"a.ts\":[1649098320600.7809,7]}\n"
        "{\"a\":[{\"ts\":null},{\"ts\":1.5e3}],\"b\":{\"ts\":2.5}}\n"
        "{\"b\":{\"a.ts\":9.5},\"a\":{\"ts\":\"131485996510.000001\"}}\n"
        "{\"a\":{\"ts\":123456789012345678901234567890}}\n");

    REQUIRE(result.events.size() == 4);
    CHECK(result.events[0]->ordinals[0].timestamp_ns == 1649098320600780900);
    CHECK(result.events[1]->ordinals[0].timestamp_ns == 1649098320600780900);
    CHECK(result.events[2]->ordinals[0].timestamp_ns == 1500000000);
    CHECK(result.events[3]->ordinals[0].timestamp_ns == 131485996510000001);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].message ==
          "timestamp 123456789012345678901234567890.0 in field 'a.ts' is outside the "
          "nanosecond range (1677-09-21 to 2262-04-11)");
}

TEST_CASE("without a required timestamp events are kept unordered") {
    eql::ReadOptions options;
    options.require_timestamp = false;
    ReadResult result =
        eql::testing::ReadText(LayoutWith({}), "{\"a\":1}\n{\"@timestamp\":\"x\"}\n", options);
    REQUIRE(result.events.size() == 2);
    CHECK_FALSE(result.events[0]->ordinals[0].has_timestamp);
    CHECK_FALSE(result.events[1]->ordinals[0].has_timestamp);
    CHECK(result.skips.empty());
}

TEST_CASE("only the first clock decides whether a line is skipped") {
    eql::EventLayout layout;
    layout.AddClock(eql::ClockSpec{});
    eql::ClockSpec second;
    second.timestamp_field = "event.ingested";
    second.tiebreaker_field = "seq";
    layout.AddClock(second);
    ReadResult result = eql::testing::ReadText(
        layout, "{\"@timestamp\":1,\"seq\":[3,4]}\n{\"event.ingested\":2,\"seq\":\"x\"}\n");

    REQUIRE(result.events.size() == 1);
    const eql::Event& event = *result.events[0];
    REQUIRE(event.ordinals.size() == 2);
    CHECK(event.ordinals[0].has_timestamp);
    CHECK(event.ordinals[0].timestamp_ns == 1000000);
    CHECK_FALSE(event.ordinals[0].has_tiebreaker);
    CHECK_FALSE(event.ordinals[1].has_timestamp);
    CHECK(event.ordinals[1].has_tiebreaker);
    CHECK(std::get<int64_t>(event.ordinals[1].tiebreaker) == 3);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].message == "missing timestamp field '@timestamp'");
}

TEST_CASE("every line is an event or one skip") {
    std::string text =
        "{\"@timestamp\":1}\n"
        "not json\n"
        "\n"
        "[1]\n"
        "{\"a\":1}\n"
        "{\"@timestamp\":\"2022-04-04T18:52:00.6007809Z\"}\n"
        "{\"@timestamp\":1,\"x\":\"\xFF\"}\n"
        "{\"@timestamp\":1,\"x\":1e400}\n"
        "{\"@timestamp\":\"1\"}";
    ReadResult result = eql::testing::ReadText(LayoutWith({"x"}), text);
    CHECK(result.stats.lines == 8);
    CHECK(result.stats.events == 3);
    CHECK(result.events.size() == 3);
    CHECK(result.skips.size() == 5);
    CHECK(result.stats.lines == result.stats.events + SkippedTotal(result.stats));
    CHECK(result.stats.skipped.at("invalid-json") == 1);
    CHECK(result.stats.skipped.at("not-an-object") == 1);
    CHECK(result.stats.skipped.at("missing-timestamp") == 1);
    CHECK(result.stats.skipped.at("invalid-utf8") == 1);
    CHECK(result.stats.skipped.at("number-out-of-range") == 1);
}

TEST_CASE("empty callbacks are allowed") {
    eql::EventLayout layout = LayoutWith({});
    eql::EventReader reader(layout);
    reader.ReadText("x", "{\"@timestamp\":1}\nbad\n", {}, {});
    CHECK(reader.stats().lines == 2);
    CHECK(reader.stats().events == 1);
}

}  // TEST_SUITE
