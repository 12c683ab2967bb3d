// Tests of ReadMerged. Files read side by side come out in timestamp order, and ties and events
// without a timestamp keep their file's order. Skips and statistics are those of the files
// read one by one, and a stop or a failing file ends the read cleanly.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/io/merged_read.hpp"
#include "tests/io/read_helpers.hpp"

namespace {

using eql::testing::LayoutWith;
using eql::testing::SkippedTotal;
using eql::testing::TempDir;

struct Merged {
    std::vector<std::string> names;  // the "n" field of each event, in delivery order
    std::vector<uint64_t> input_orders;
    std::vector<std::string> skips;  // "FILE:LINE" of each skip call
    eql::MergedReadResult result;
};

std::string Line(const std::string& timestamp, const std::string& name) {
    std::string fields = timestamp.empty() ? "" : "\"@timestamp\":" + timestamp + ",";
    return "{" + fields + "\"n\":\"" + name + "\"}\n";
}

Merged Merge(const std::vector<std::string>& files, eql::ReadOptions options = {},
             uint64_t skips_kept = 5, size_t stop_after = 0) {
    eql::EventLayout layout = LayoutWith({"n"});
    Merged merged;
    auto on_event = [&](eql::EventPtr event) {
        merged.names.push_back(std::get<std::string>(event->fields[0][0]));
        merged.input_orders.push_back(event->input_order);
        return stop_after == 0 || merged.names.size() < stop_after;
    };
    auto on_skip = [&](const eql::SkippedLine& skipped) {
        std::string file = skipped.file.substr(skipped.file.rfind('/') + 1);
        merged.skips.push_back(file + ":" + std::to_string(skipped.line));
    };
    merged.result = eql::ReadMerged(files, layout, options, skips_kept, on_event, on_skip);
    return merged;
}

}  // namespace

TEST_SUITE("merged_read") {

TEST_CASE("merged files come in time order") {
    TempDir dir;
    std::string a = dir.Write("a.ndjson", Line("1", "a1") + Line("3", "a3") + Line("5", "a5") +
                                              Line("7", "a7"));
    std::string b = dir.Write("b.ndjson", Line("2", "b2") + Line("3", "b3") + Line("4", "b4") +
                                              Line("8", "b8"));
    for (unsigned threads : {1u, 2u, 4u}) {
        CAPTURE(threads);
        eql::ReadOptions options;
        options.threads = threads;
        Merged merged = Merge({a, b}, options);

        CHECK(merged.names ==
              std::vector<std::string>{"a1", "b2", "a3", "b3", "b4", "a5", "a7", "b8"});
        uint64_t b_first = uint64_t{1} << 40;
        CHECK(merged.input_orders == std::vector<uint64_t>{0, b_first, 1, b_first + 1,
                                                           b_first + 2, 2, 3, b_first + 3});
        CHECK(merged.result.stats.lines == 8);
        CHECK(merged.result.stats.events == 8);
        CHECK_FALSE(merged.result.stopped);
        CHECK(merged.result.error.empty());
    }
}

TEST_CASE("event without timestamp stays in place") {
    TempDir dir;
    std::string a = dir.Write("a.ndjson", Line("5", "a5") + Line("", "a-none") + Line("9", "a9"));
    std::string b = dir.Write("b.ndjson", Line("6", "b6") + Line("7", "b7"));
    eql::ReadOptions options;
    options.require_timestamp = false;
    Merged merged = Merge({a, b}, options);

    CHECK(merged.names == std::vector<std::string>{"a5", "a-none", "b6", "b7", "a9"});
}

TEST_CASE("skips follow in file order") {
    TempDir dir;
    std::string a = dir.Write("a.ndjson", "bad 1\n" + Line("1", "a1") + "bad 3\nbad 4\n");
    std::string b = dir.Write("b.ndjson", "bad 1\n" + Line("2", "b2") + "bad 3\n");
    Merged merged = Merge({a, b}, {}, 2);

    CHECK(merged.skips ==
          std::vector<std::string>{"a.ndjson:1", "a.ndjson:3", "b.ndjson:1", "b.ndjson:3"});
    const eql::ReadStats& stats = merged.result.stats;
    CHECK(stats.lines == 7);
    CHECK(stats.events == 2);
    CHECK(stats.skipped.at("invalid-json") == 5);
    CHECK(stats.lines == stats.events + SkippedTotal(stats));
}

TEST_CASE("stop ends every file's read") {
    TempDir dir;
    std::string a_lines;
    std::string b_lines;
    for (int i = 0; i < 20000; ++i) {
        a_lines += Line(std::to_string(2 * i), "a");
        b_lines += Line(std::to_string(2 * i + 1), "b");
    }
    std::string a = dir.Write("a.ndjson", a_lines);
    std::string b = dir.Write("b.ndjson", b_lines);
    Merged merged = Merge({a, b}, {}, 5, 10);

    CHECK(merged.names.size() == 10);
    CHECK(merged.result.stopped);
    CHECK(merged.result.error.empty());
}

TEST_CASE("unreadable file leaves the others read") {
    TempDir dir;
    std::string a = dir.Write("a.ndjson", Line("1", "a1") + Line("3", "a3"));
    std::string missing = dir.path() + "/missing.ndjson";
    std::string b = dir.Write("b.ndjson", Line("2", "b2"));
    Merged merged = Merge({a, missing, b});

    CHECK(merged.names == std::vector<std::string>{"a1", "b2", "a3"});
    CHECK(merged.result.failed_file == missing);
    CHECK(merged.result.error.find("failed to open") != std::string::npos);
    CHECK_FALSE(merged.result.stopped);
}

}  // TEST_SUITE
