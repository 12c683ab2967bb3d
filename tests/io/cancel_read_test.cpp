// Tests of ReadOptions::cancel: once the flag is set, the reader reads and delivers nothing
// more, on one thread or several, and a pipe that stays open stops being waited on. The
// statistics count exactly what was delivered.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "tests/io/read_helpers.hpp"

namespace {

using eql::testing::LayoutWith;
using eql::testing::ReadResult;
using eql::testing::SkippedTotal;

// `count` events, with a line that is not JSON after every tenth.
std::string EventLines(int count) {
    std::string text;
    for (int i = 1; i <= count; ++i) {
        text += "{\"@timestamp\":" + std::to_string(i) + ",\"x\":" + std::to_string(i) + "}\n";
        if (i % 10 == 0) {
            text += "not json\n";
        }
    }
    return text;
}

// Reads `text` and sets the cancel flag from the event callback at the `cancel_at`th event.
ReadResult ReadCancelledAt(const std::string& text, unsigned threads, size_t cancel_at) {
    std::atomic<bool> cancel{false};
    eql::ReadOptions options;
    options.threads = threads;
    options.cancel = &cancel;
    eql::EventLayout layout = LayoutWith({"x"});
    eql::EventReader reader(layout, options);

    ReadResult result;
    reader.ReadText(
        "events.ndjson", text,
        [&](eql::EventPtr event) {
            result.events.push_back(std::move(event));
            if (result.events.size() == cancel_at) {
                cancel.store(true);
            }
        },
        [&](const eql::SkippedLine& skipped) { result.skips.push_back(skipped); });
    result.stats = reader.stats();
    CHECK(reader.cancelled());
    return result;
}

}  // namespace

TEST_SUITE("cancel_read") {

TEST_CASE("cancel on one thread stops at once") {
    ReadResult result = ReadCancelledAt(EventLines(1000), 1, 25);
    CHECK(result.events.size() == 25);
    CHECK(result.skips.size() == 2);
    CHECK(result.stats.lines == 27);
    CHECK(result.stats.events == 25);
    CHECK(SkippedTotal(result.stats) == 2);
}

TEST_CASE("cancel on three threads delivers nothing more") {
    ReadResult result = ReadCancelledAt(EventLines(100000), 3, 500);
    // Batches parsed ahead of the cancel are dropped, not delivered.
    CHECK(result.events.size() == 500);
    CHECK(result.stats.events == 500);
    CHECK(result.stats.lines == 549);
    CHECK(SkippedTotal(result.stats) == 49);
    CHECK(result.skips.size() == 49);
}

TEST_CASE("cancel before reading reads nothing") {
    std::atomic<bool> cancel{true};
    eql::ReadOptions options;
    options.cancel = &cancel;
    ReadResult result = eql::testing::ReadText(LayoutWith({"x"}), EventLines(10), options);
    CHECK(result.events.empty());
    CHECK(result.skips.empty());
    CHECK(result.stats.lines == 0);
}

TEST_CASE("unset cancel flag changes nothing") {
    std::atomic<bool> cancel{false};
    eql::ReadOptions options;
    options.cancel = &cancel;
    ReadResult result = eql::testing::ReadText(LayoutWith({"x"}), EventLines(100), options);
    CHECK(result.events.size() == 100);
    CHECK(result.stats.lines == 110);
}

// A pipe whose writer never closes: without the cancel flag the read would wait forever.
TEST_CASE("cancel ends the wait on an open pipe") {
    for (unsigned threads : {1u, 2u}) {
        CAPTURE(threads);
        int ends[2];
        REQUIRE(pipe(ends) == 0);
        std::string text = EventLines(20);
        REQUIRE(write(ends[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));

        std::atomic<bool> cancel{false};
        eql::ReadOptions options;
        options.threads = threads;
        options.cancel = &cancel;
        std::thread canceller([&cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel.store(true);
        });
        auto start = std::chrono::steady_clock::now();
        ReadResult result = eql::testing::ReadPath(
            LayoutWith({"x"}), "/dev/fd/" + std::to_string(ends[0]), options);
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        canceller.join();
        close(ends[0]);
        close(ends[1]);

        CHECK(result.ok);
        CHECK(result.error.empty());
        CHECK(seconds < 5);
        CHECK(result.stats.lines == result.stats.events + SkippedTotal(result.stats));
        CHECK(result.events.size() == result.stats.events);
        if (threads == 1) {
            // One thread parses each line as it arrives. Several hand lines on in batches, and
            // a batch still open at the cancel is dropped whole.
            CHECK(result.events.size() == 20);
            CHECK(result.stats.lines == 22);
        } else {
            CHECK(result.stats.lines <= 22);
        }
    }
}

}  // TEST_SUITE
