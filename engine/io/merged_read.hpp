// Reading several event files at once, merged by time. Captures often come as one file per
// source (a firewall's log beside an endpoint agent's events), each in time order. Read one
// after another, the second file starts back at the first one's start time, so every event of
// the first would have to be held to put them in order. Read side by side and merged by
// timestamp, they reach the evaluator nearly in order, and memory stays bounded.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/io/event_reader.hpp"

namespace eql {

struct MergedReadResult {
    ReadStats stats;             // summed over the files
    std::string failed_file;     // the first file (in the given order) that failed to read
    std::string error;           // its error, as EventReader::ReadFile gives it; empty: none
    bool stopped = false;        // on_event returned false, or options.cancel was set
};

// Reads `files` (not standard input), each on its own thread, and passes their events to
// `on_event` on the calling thread in order of their clock-0 timestamp. Events with equal
// timestamps come in file order, then line order, and an event without a clock-0 timestamp
// comes right after the event before it in its file. Event::input_order numbers each file's
// events from `file index << 40`, so ties later break as they would with the files read one
// after another.
//
// Each file is read with `options.threads` parse threads. A file that is ahead in time waits
// for the merge, so the cores go to the files that are behind. Skipped lines are
// passed to `on_skip` after the reading, in file order and then line order, so the same input
// gives the same calls however the threads ran. Of each file, only the first
// `skips_kept_per_reason` of each reason are passed, but the statistics count them all.
// `options.on_progress` is called on the calling thread with the records delivered and the
// input bytes read over all files. A file that fails to read ends early, and the other files
// are still read to their end.
MergedReadResult ReadMerged(const std::vector<std::string>& files, const EventLayout& layout,
                            const ReadOptions& options, uint64_t skips_kept_per_reason,
                            const std::function<bool(EventPtr)>& on_event,
                            const EventReader::SkipCallback& on_skip);

}  // namespace eql
