// Reading on several threads gives the same events, skips, statistics and input order as one
// thread, on input with every kind of bad line and on real captures. The prefilter counts the
// lines it rejects without parsing them, and Stop ends delivery.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/io/read_helpers.hpp"

using eql::testing::LayoutWith;
using eql::testing::ReadResult;
using eql::testing::ReadText;

namespace {

// 5000 lines: events with and without a category, bad JSON, an array, a line without a
// timestamp, blank lines, and a CRLF line end.
std::string MixedInput() {
    std::ostringstream text;
    for (int i = 0; i < 5000; ++i) {
        switch (i % 7) {
            case 0: text << "{\"@timestamp\":" << i << ",\"c\":\"net\",\"n\":" << i << "}\n"; break;
            case 1: text << "{\"@timestamp\":" << i << ",\"c\":\"proc\",\"n\":" << i << "}\n"; break;
            case 2: text << "{\"@timestamp\":" << i << ",\"n\":\n"; break;
            case 3: text << "[1,2]\n\n"; break;
            case 4: text << "{\"n\":" << i << "}\n"; break;
            case 5: text << "{\"@timestamp\":\"2024-05-13T08:00:00Z\",\"c\":[\"net\"]}\r\n"; break;
            default: text << "   \n{\"@timestamp\":" << i << ",\"s\":\"x\\u00e9\"}\n"; break;
        }
    }
    return text.str();
}

std::string Describe(const ReadResult& result) {
    std::ostringstream out;
    for (const eql::EventPtr& event : result.events) {
        out << event->line << ' ' << event->input_order << ' ' << event->source << '\n';
    }
    for (const eql::SkippedLine& skip : result.skips) {
        out << skip.line << ' ' << skip.reason << ' ' << skip.message << '\n';
    }
    out << result.stats.lines << ' ' << result.stats.events;
    for (const auto& [reason, count] : result.stats.skipped) {
        out << ' ' << reason << '=' << count;
    }
    return out.str();
}

}  // namespace

TEST_SUITE("parallel_read") {

TEST_CASE("threads give the results of one thread") {
    eql::EventLayout layout = LayoutWith({"c", "n", "s"});
    std::string text = MixedInput();
    ReadResult one = ReadText(layout, text);
    REQUIRE(one.events.size() > 1000);
    REQUIRE(one.skips.size() > 1000);
    for (unsigned threads : {2u, 3u, 8u}) {
        CAPTURE(threads);
        eql::ReadOptions options;
        options.threads = threads;
        ReadResult many = ReadText(layout, text, options);
        CHECK(Describe(many) == Describe(one));
    }
}

TEST_CASE("threads read a real capture as one thread does") {
    std::string dir = std::string(EQLITE_SHARED_DIR) + "/corpus/elastic-endpoint-package";
    if (!std::filesystem::is_directory(dir)) {
        MESSAGE("skipped: " << dir << " is absent");
        return;
    }
    eql::EventLayout layout = LayoutWith({"event.category", "process.name", "host.name"});
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".ndjson") {
            continue;
        }
        CAPTURE(entry.path().string());
        ReadResult one = eql::testing::ReadPath(layout, entry.path().string());
        eql::ReadOptions options;
        options.threads = 2;
        ReadResult two = eql::testing::ReadPath(layout, entry.path().string(), options);
        CHECK(Describe(two) == Describe(one));
    }
}

TEST_CASE("prefiltered lines are counted, not parsed") {
    eql::EventLayout layout = LayoutWith({"c"});
    eql::LinePrefilter prefilter;
    prefilter.AddStage({"\"net\""}, {});
    eql::ReadOptions options;
    options.prefilter = &prefilter;
    std::string text =
        "{\"@timestamp\":1,\"c\":\"net\"}\n"
        "{\"@timestamp\":2,\"c\":\"proc\"}\n"
        "{not json\n"
        "{\"@timestamp\":3,\"c\":\"net\",\n";
    ReadResult result = ReadText(layout, text, options);
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0]->line == 1);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].line == 4);
    CHECK(result.skips[0].reason == "invalid-json");
    CHECK(result.stats.lines == 4);
    CHECK(result.stats.events == 1);
    CHECK(result.stats.skipped.at("prefiltered") == 2);
    CHECK(result.stats.skipped.at("invalid-json") == 1);
    CHECK(result.stats.lines == result.stats.events + eql::testing::SkippedTotal(result.stats));
}

TEST_CASE("stop ends delivery on every thread count") {
    eql::EventLayout layout = LayoutWith({"n"});
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        text += "{\"@timestamp\":" + std::to_string(i) + "}\n";
    }
    for (unsigned threads : {1u, 2u}) {
        CAPTURE(threads);
        eql::ReadOptions options;
        options.threads = threads;
        eql::EventReader reader(layout, options);
        uint64_t delivered = 0;
        reader.ReadText(
            "events.ndjson", text,
            [&](eql::EventPtr) {
                if (++delivered == 100) {
                    reader.Stop();
                }
            },
            {});
        CHECK(delivered == 100);
        CHECK(reader.stats().lines == 100);
    }
}

}  // TEST_SUITE
