// Reading the event files a command names: runs the event reader over each file, prints skipped
// lines to stderr (the first few per reason, then only counts) and keeps the totals.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/io/event.hpp"
#include "engine/io/event_reader.hpp"

namespace eql::cli {

// Prints skipped lines on stderr, the first few of each reason, then a note that the rest are
// only counted. A line already printed, as when the input is read again, is not printed again.
// A quiet printer prints nothing.
class SkipPrinter {
public:
    SkipPrinter(uint64_t messages_per_reason, bool quiet)
        : messages_per_reason_(quiet ? 0 : messages_per_reason) {}

    void Print(const SkippedLine& skipped);

private:
    uint64_t messages_per_reason_;
    std::map<std::string, uint64_t> counts_;  // lines printed, by reason
    std::set<std::string> shown_;             // "FILE:LINE" of the lines printed
};

struct InputOptions {
    bool strict = false;              // the first skipped line is an error (exit status 2)
    bool quiet = false;               // no per-line skip messages
    uint64_t messages_per_reason = 5; // skip messages printed per reason before only counting
    bool require_timestamp = true;    // false when every plan is a sample
    unsigned threads = 1;             // parse threads, as ReadOptions::threads
    const LinePrefilter* prefilter = nullptr;  // as ReadOptions::prefilter; unused when strict
    std::function<void(uint64_t records, uint64_t bytes)> on_progress;  // as in ReadOptions
    std::function<std::unique_ptr<EventFilter>()> make_filter;          // as in ReadOptions
    const std::atomic<bool>* cancel = nullptr;  // as ReadOptions::cancel, e.g. InterruptFlag()
    // Prints the skipped lines; kept across several reads of the same input so that each line
    // is printed once. Null: each read prints with a printer of its own.
    SkipPrinter* printer = nullptr;
};

struct InputResult {
    bool ok = true;                   // false after an I/O error or a --strict stop
    bool stopped = false;             // on_event asked to stop
    bool cancelled = false;           // InputOptions::cancel ended the reading (ok is false)
    ReadStats stats;
};

// Reads `files` ("-" is standard input) and passes each event to `on_event`, which returns
// false to stop the reading. Two to 16 regular files are read side by side and merged by
// clock-0 timestamp (see ReadMerged), unless options.strict is set. Otherwise, and whenever
// standard input or a pipe is among them, the files are read one after another.
InputResult ReadEventInputs(const std::vector<std::string>& files, const EventLayout& layout,
                            const InputOptions& options,
                            const std::function<bool(EventPtr)>& on_event);

// Prints "read N lines: N events, N skipped (reason: N, ...)" to stderr, then a note when some
// lines were prefiltered, since those were not checked for any other skip reason.
void PrintInputSummary(const ReadStats& stats);

}  // namespace eql::cli
