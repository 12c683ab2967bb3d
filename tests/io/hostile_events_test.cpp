// Tests of the event reader on hostile input. Each kind of bad line has its reason and exact
// message, the default depth and length limits are tried at their edges, and so are NUL bytes,
// numbers past every range and gzip streams cut short. A data file mixes good events with
// every kind of bad line, and the good events must come out exactly.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/io/read_helpers.hpp"

namespace {

using eql::testing::Gzip;
using eql::testing::LayoutWith;
using eql::testing::ReadResult;
using eql::testing::SkippedTotal;

constexpr const char* kImproperStructure =
    "not valid JSON: the JSON document has an improper structure: missing or superfluous "
    "commas, braces, missing keys, etc";

struct SkipRow {
    std::string line;
    std::string reason;
    std::string message;
};

void CheckSingleSkip(const SkipRow& row, eql::ReadOptions options = {}) {
    CAPTURE(row.line.substr(0, 80));
    ReadResult result = eql::testing::ReadText(LayoutWith({"x"}), row.line, options);
    CHECK(result.events.empty());
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].reason == row.reason);
    CHECK(result.skips[0].message == row.message);
    CHECK(result.stats.lines == 1);
    CHECK(result.stats.events == 0);
    CHECK(SkippedTotal(result.stats) == 1);
}

// `depth` nested arrays around a number, under the key "x".
std::string NestedLine(size_t depth) {
    return "{\"@timestamp\":1,\"x\":" + std::string(depth, '[') + "1" + std::string(depth, ']') +
           "}";
}

// The lines of tests/data/mixed_bad_lines.ndjson: what each non-blank line must give. The
// file is read with a line limit of 1024 bytes, so that line 9 is over it.
struct MixedLine {
    uint64_t line;
    std::string reason;  // empty: the line is an event
    std::string message;
};

const std::vector<MixedLine>& MixedLines() {
    static const std::vector<MixedLine> lines = {
        {1, "", ""},
        {2, "invalid-json",
         "not valid JSON: problem while parsing an atom starting with the letter 't'"},
        {3, "", ""},
        {4, "not-an-object", "expected a JSON object, found an array"},
        {5, "invalid-utf8", "invalid UTF-8 at byte 51 of the line"},
        {7, "too-deep", "JSON nesting is deeper than the limit of 128 levels"},
        {8, "", ""},
        {9, "line-too-long", "line is 2054 bytes long, over the limit of 1024 bytes"},
        {10, "missing-timestamp", "missing timestamp field '@timestamp'"},
        {11, "invalid-timestamp",
         "invalid timestamp \"yesterday\" in field '@timestamp' (expected an ISO-8601 date or "
         "epoch milliseconds)"},
        {12, "number-out-of-range", "number 1e999 is out of range"},
        {13, "", ""},
        {14, "invalid-json",
         "not valid JSON: within strings, some characters must be escaped, we found unescaped "
         "characters"},
        {15, "invalid-json", kImproperStructure},
        {16, "invalid-timestamp",
         "timestamp \"2262-04-12\" in field '@timestamp' is outside the nanosecond range "
         "(1677-09-21 to 2262-04-11)"},
        {17, "invalid-json",
         "not valid JSON: a byte-order mark starts the line, but only the start of the input "
         "may have one"},
        {18, "number-out-of-range",
         "number 1000000000000000000000000000000000000000000000000000000000000000... is out of "
         "range"},
        {19, "", ""},
    };
    return lines;
}

std::string ReadMixedFile() {
    std::ifstream in(std::string(EQLITE_SOURCE_DIR) + "/tests/data/mixed_bad_lines.ndjson",
                     std::ios::binary);
    REQUIRE(in.good());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The file's lines without their line ends, by 1-based number (element 0 is unused).
std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> lines = {"", ""};
    for (char c : text) {
        if (c == '\n') {
            lines.push_back("");
        } else {
            lines.back() += c;
        }
    }
    for (std::string& line : lines) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
    }
    return lines;
}

eql::ReadOptions MixedOptions() {
    eql::ReadOptions options;
    options.max_line_bytes = 1024;
    return options;
}

}  // namespace

TEST_SUITE("hostile_events") {

TEST_CASE("each kind of bad line has its reason and message") {
    const SkipRow rows[] = {
        {"GET /index.html HTTP/1.1", "invalid-json",
         "not valid JSON: the JSON document has an improper structure: missing or superfluous "
         "commas, braces, missing keys, etc"},
        {"{\"@timestamp\":1,", "invalid-json", kImproperStructure},
        {"{\"@timestamp\":1,\"x\":\"caf\xE9\"}", "invalid-utf8",
         "invalid UTF-8 at byte 25 of the line"},
        {"{\"@timestamp\":1,\"x\":\"\xC0\x80\"}", "invalid-utf8",
         "invalid UTF-8 at byte 22 of the line"},
        {"{\"x\":1}", "missing-timestamp", "missing timestamp field '@timestamp'"},
        {"{\"@timestamp\":\"\"}", "invalid-timestamp",
         "invalid timestamp \"\" in field '@timestamp' (expected an ISO-8601 date or epoch "
         "milliseconds)"},
        {"{\"@timestamp\":\"2024-01-01T00:00:00Zjunk\"}", "invalid-timestamp",
         "invalid timestamp \"2024-01-01T00:00:00Zjunk\" in field '@timestamp' (expected an "
         "ISO-8601 date or epoch milliseconds)"},
        {"{\"@timestamp\":1,\"x\":-1e400}", "number-out-of-range",
         "number -1e400 is out of range"},
    };
    for (const SkipRow& row : rows) {
        CheckSingleSkip(row);
    }
}

// The first line decides between NDJSON and a JSON array, so an array there is not skipped
// as "not an object": the input is read as an array of events.
TEST_CASE("a first line starting with '[' is read as an array") {
    ReadResult result = eql::testing::ReadText(LayoutWith({}), "[{\"@timestamp\":1}]");
    CHECK(result.events.size() == 1);
    CHECK(result.skips.empty());
}

TEST_CASE("depth limit is 128 levels") {
    ReadResult kept = eql::testing::ReadText(LayoutWith({"x"}), NestedLine(127));
    REQUIRE(kept.events.size() == 1);
    REQUIRE(kept.events[0]->fields[0].size() == 1);
    CHECK(std::get<int64_t>(kept.events[0]->fields[0][0]) == 1);

    CheckSingleSkip({NestedLine(128), "too-deep",
                     "JSON nesting is deeper than the limit of 128 levels"});
    CheckSingleSkip({NestedLine(1000000), "too-deep",
                     "JSON nesting is deeper than the limit of 128 levels"});
}

TEST_CASE("line limit is 16 MiB") {
    const size_t limit = size_t{16} << 20;
    std::string prefix = "{\"@timestamp\":1,\"x\":\"";
    std::string fits = prefix + std::string(limit - prefix.size() - 2, 'a') + "\"}";
    REQUIRE(fits.size() == limit);
    std::string over = prefix + std::string(limit - prefix.size() - 1, 'a') + "\"}";

    ReadResult result = eql::testing::ReadText(LayoutWith({}), fits + "\n" + over + "\n");
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0]->source.size() == limit);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].line == 2);
    CHECK(result.skips[0].reason == "line-too-long");
    CHECK(result.skips[0].message ==
          "line is 16777217 bytes long, over the limit of 16777216 bytes");
}

TEST_CASE("integers past the double range are out of range") {
    CheckSingleSkip({"{\"@timestamp\":1,\"x\":1" + std::string(400, '0') + "}",
                     "number-out-of-range",
                     "number 1000000000000000000000000000000000000000000000000000000000000000... "
                     "is out of range"});
    CheckSingleSkip({"{\"@timestamp\":1,\"x\":[-1" + std::string(400, '0') + "]}",
                     "number-out-of-range",
                     "number -100000000000000000000000000000000000000000000000000000000000000... "
                     "is out of range"});

    // Within the double range, an integer past 64 bits is read as a double.
    ReadResult kept = eql::testing::ReadText(
        LayoutWith({"x"}), "{\"@timestamp\":1,\"x\":1" + std::string(300, '0') + "}");
    REQUIRE(kept.events.size() == 1);
    REQUIRE(kept.events[0]->fields[0].size() == 1);
    CHECK(std::get<double>(kept.events[0]->fields[0][0]) == doctest::Approx(1e300));
}

TEST_CASE("long number tokens are cut in messages") {
    std::string digits(1 << 20, '1');
    CheckSingleSkip({"{\"@timestamp\":1,\"x\":0" + digits + "}", "invalid-json",
                     "not valid JSON: invalid number '0111111111111111111111111111111111111111111"
                     "111111111111111111111...'"});
    CheckSingleSkip({"{\"@timestamp\":" + digits.substr(0, 300) + ".5}", "invalid-timestamp",
                     "timestamp 1111111111111111111111111111111111111111111111111111111111111111... "
                     "in field '@timestamp' is outside the nanosecond range (1677-09-21 to "
                     "2262-04-11)"});
}

TEST_CASE("NUL bytes are invalid JSON unless escaped") {
    CheckSingleSkip({std::string("{\"@timestamp\":1,\"x\":\"a\0b\"}", 26), "invalid-json",
                     "not valid JSON: within strings, some characters must be escaped, we found "
                     "unescaped characters"});
    CheckSingleSkip({std::string("{\"@timestamp\":1}\0", 17), "invalid-json",
                     kImproperStructure});
    CheckSingleSkip({std::string("\0{\"@timestamp\":1}", 17), "invalid-json",
                     kImproperStructure});

    ReadResult kept =
        eql::testing::ReadText(LayoutWith({"x"}), "{\"@timestamp\":1,\"x\":\"a\\u0000b\"}");
    REQUIRE(kept.events.size() == 1);
    REQUIRE(kept.events[0]->fields[0].size() == 1);
    CHECK(std::get<std::string>(kept.events[0]->fields[0][0]) == std::string("a\0b", 3));
}

TEST_CASE("a byte-order mark after the first line is invalid JSON") {
    ReadResult result = eql::testing::ReadText(
        LayoutWith({}), "\xEF\xBB\xBF{\"@timestamp\":1}\n\xEF\xBB\xBF{\"@timestamp\":2}\n");
    CHECK(result.events.size() == 1);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].line == 2);
    CHECK(result.skips[0].reason == "invalid-json");
    CHECK(result.skips[0].message ==
          "not valid JSON: a byte-order mark starts the line, but only the start of the input "
          "may have one");
}

TEST_CASE("BOM, CRLF and no final newline read alike in gzip") {
    std::string text = "\xEF\xBB\xBF{\"@timestamp\":1}\r\n\r\n{\"@timestamp\":2}";
    ReadResult result = eql::testing::ReadText(LayoutWith({}), Gzip(text));
    REQUIRE(result.events.size() == 2);
    CHECK(result.events[0]->source == "{\"@timestamp\":1}");
    CHECK(result.events[1]->source == "{\"@timestamp\":2}");
    CHECK(result.events[1]->line == 3);
    CHECK(result.skips.empty());
}

TEST_CASE("a gzip stream cut short keeps every line before the cut") {
    std::string text;
    for (int i = 0; i < 400; ++i) {
        text += "{\"@timestamp\":" + std::to_string(i) + ",\"x\":" + std::to_string(i * 7919) +
                "}\n";
    }
    std::string packed = Gzip(text);
    for (size_t cut : {size_t{10}, packed.size() / 3, packed.size() / 2, packed.size() - 9}) {
        CAPTURE(cut);
        ReadResult result =
            eql::testing::ReadText(LayoutWith({"x"}), packed.substr(0, cut));
        REQUIRE(result.events.size() <= 400);
        for (size_t i = 0; i < result.events.size(); ++i) {
            REQUIRE(result.events[i]->line == i + 1);
        }
        REQUIRE(result.skips.size() == 1);
        CHECK(result.skips[0].reason == "truncated-gzip");
        CHECK(result.skips[0].message == "gzip stream is truncated: unexpected end of file");
        CHECK(result.skips[0].line == result.events.size() + 1);
        CHECK(result.stats.lines == result.stats.events + SkippedTotal(result.stats));
    }
}

TEST_CASE("mixed file gives exactly its good events") {
    std::string text = ReadMixedFile();
    std::vector<std::string> file_lines = SplitLines(text);
    ReadResult result = eql::testing::ReadText(LayoutWith({"id"}), text, MixedOptions());

    std::vector<std::string> expected_sources;
    std::vector<MixedLine> expected_skips;
    for (const MixedLine& line : MixedLines()) {
        if (line.reason.empty()) {
            expected_sources.push_back(file_lines.at(line.line));
        } else {
            expected_skips.push_back(line);
        }
    }

    REQUIRE(result.events.size() == expected_sources.size());
    for (size_t i = 0; i < result.events.size(); ++i) {
        CAPTURE(i);
        CHECK(result.events[i]->source == expected_sources[i]);
        REQUIRE(result.events[i]->fields[0].size() == 1);
        CHECK(std::get<int64_t>(result.events[i]->fields[0][0]) == int64_t(i + 1));
    }
    REQUIRE(result.skips.size() == expected_skips.size());
    for (size_t i = 0; i < result.skips.size(); ++i) {
        CAPTURE(expected_skips[i].line);
        CHECK(result.skips[i].line == expected_skips[i].line);
        CHECK(result.skips[i].reason == expected_skips[i].reason);
        CHECK(result.skips[i].message == expected_skips[i].message);
    }
    CHECK(result.stats.lines == 18);
    CHECK(result.stats.events == 5);
    CHECK(SkippedTotal(result.stats) == 13);
    CHECK(result.stats.skipped.at("invalid-json") == 4);
    CHECK(result.stats.skipped.at("number-out-of-range") == 2);
    CHECK(result.stats.skipped.at("invalid-timestamp") == 2);
}

TEST_CASE("mixed file cut short in gzip keeps the lines before the cut") {
    std::string text = ReadMixedFile();
    ReadResult whole = eql::testing::ReadText(LayoutWith({"id"}), text, MixedOptions());
    std::string packed = Gzip(text);

    for (size_t cut = 20; cut < packed.size(); cut += 97) {
        CAPTURE(cut);
        ReadResult part = eql::testing::ReadText(LayoutWith({"id"}), packed.substr(0, cut),
                                                 MixedOptions());
        REQUIRE(part.events.size() <= whole.events.size());
        for (size_t i = 0; i < part.events.size(); ++i) {
            CHECK(part.events[i]->source == whole.events[i]->source);
        }
        REQUIRE_FALSE(part.skips.empty());
        CHECK(part.skips.back().reason == "truncated-gzip");
        for (size_t i = 0; i + 1 < part.skips.size(); ++i) {
            CHECK(part.skips[i].message == whole.skips[i].message);
        }
        CHECK(part.stats.lines == part.stats.events + SkippedTotal(part.stats));
    }
}

}  // TEST_SUITE
