// Reading on several threads gives the same events, skips, statistics and input order as one
// thread, on input with every kind of bad line and on real captures. The prefilter counts the
// lines it rejects without parsing them, and Stop ends delivery.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "engine/io/byte_source.hpp"
#include "engine/io/record_parser.hpp"
#include "engine/io/record_pipeline.hpp"
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

// One outcome as text: the event's line, source and first field, or the skip.
std::string Show(const eql::detail::RecordOutcome& outcome) {
    if (outcome.event == nullptr) {
        return std::to_string(outcome.line) + " " + std::string(outcome.reason) + " " +
               outcome.message;
    }
    const eql::Event& event = *outcome.event;
    std::string shown = std::to_string(event.line) + " " + event.source;
    eql::FieldView values = event.fields[0];
    if (!values.empty() && std::holds_alternative<std::string>(values.front())) {
        shown += " c=" + std::get<std::string>(values.front());
    }
    return shown;
}

// The outcomes of `text` parsed on `threads` threads: in place on this thread for 1, else by
// ParseInParallel with `options`.
std::vector<std::string> ParseOutcomes(const eql::EventLayout& layout, std::string_view text,
                                       unsigned threads,
                                       const eql::detail::PipelineOptions& options) {
    eql::ReadOptions read;
    read.max_line_bytes = options.max_record_bytes;
    std::vector<std::unique_ptr<eql::detail::RecordParser>> parsers;
    for (unsigned i = 0; i < threads; ++i) {
        parsers.push_back(std::make_unique<eql::detail::RecordParser>(layout, read));
        parsers.back()->SyncLayout();
    }
    eql::detail::ByteSource source;
    source.OpenMemory(text);
    std::vector<std::string> shown;
    if (threads == 1) {
        eql::detail::RecordOutcome outcome;
        eql::detail::SplitRecords(source, options.max_record_bytes,
                                  [&](const eql::detail::Record& record) {
                                      parsers.front()->Handle(record, source, &outcome);
                                      shown.push_back(Show(outcome));
                                  });
        return shown;
    }
    std::atomic<bool> stop{false};
    eql::detail::ParseInParallel(
        source, options, parsers,
        [&](eql::detail::RecordOutcome& outcome, size_t) { shown.push_back(Show(outcome)); },
        stop);
    return shown;
}

}  // namespace

TEST_SUITE("parallel_read") {

TEST_CASE("small blocks and batches give the results of one thread") {
    eql::EventLayout layout = LayoutWith({"c", "n", "s"});
    std::string text = MixedInput();
    for (int i = 0; i < 40; ++i) {
        // Lines over the limit, and lines that span several blocks.
        text += "{\"@timestamp\":1,\"c\":\"" + std::string(300 + 40 * i, 'w') + "\"}\n";
    }
    eql::detail::PipelineOptions one;
    one.max_record_bytes = 1000;
    std::vector<std::string> expected = ParseOutcomes(layout, text, 1, one);
    REQUIRE(expected.size() > 4000);
    size_t too_long = std::count_if(expected.begin(), expected.end(), [](const std::string& shown) {
        return shown.find(" line-too-long ") != std::string::npos;
    });
    CHECK(too_long > 10);

    eql::detail::PipelineOptions small = one;
    small.read_bytes = 64;
    small.block_bytes = 128;
    small.batch_records = 7;
    small.batch_bytes = 300;
    small.batches_in_flight = 2;
    for (unsigned threads : {2u, 3u}) {
        CAPTURE(threads);
        std::vector<std::string> many = ParseOutcomes(layout, text, threads, small);
        REQUIRE(many.size() == expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            CAPTURE(i);
            CHECK(many[i] == expected[i]);
        }
    }
}

TEST_CASE("unparked event is a copy") {
    eql::Event parked;
    parked.line = 7;
    parked.source = "{\"a\":\"a long string value that needs the heap\"}";
    eql::Value long_string = std::string("a long string value on the heap");
    parked.fields = eql::EventFields({{long_string}});
    parked.ordinals.resize(1);
    parked.ordinals[0].has_timestamp = true;
    parked.ordinals[0].timestamp_ns = 42;
    parked.routed = true;
    parked.passes.push_back(eql::StagePasses{3, 5});
    std::shared_ptr<eql::Event> copy = eql::detail::RecordParser::Unpark(parked);
    parked.source.clear();
    parked.fields.Clear();
    parked.ordinals.clear();
    parked.passes.clear();
    CHECK(copy->line == 7);
    CHECK(copy->source == "{\"a\":\"a long string value that needs the heap\"}");
    REQUIRE(copy->fields.size() == 1);
    REQUIRE(copy->fields[0].size() == 1);
    CHECK(std::get<std::string>(copy->fields[0].front()) == "a long string value on the heap");
    REQUIRE(copy->ordinals.size() == 1);
    CHECK(copy->ordinals[0].timestamp_ns == 42);
    CHECK(copy->routed);
    REQUIRE(copy->passes.size() == 1);
    CHECK(copy->passes[0].plan == 3);
    CHECK(copy->passes[0].bits == 5);
}

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
