// ReadEventInputs: the event reader plus the command line's reporting of skipped lines.
#include "cli/event_input.hpp"

#include <cstdio>
#include <map>

#include <fmt/format.h>

namespace eql::cli {

InputResult ReadEventInputs(const std::vector<std::string>& files, const EventLayout& layout,
                            const InputOptions& options,
                            const std::function<bool(EventPtr)>& on_event) {
    ReadOptions read_options;
    read_options.require_timestamp = options.require_timestamp;
    read_options.threads = options.threads;
    // Strict mode reports every line that is not a usable event, so it parses every line.
    read_options.prefilter = options.strict ? nullptr : options.prefilter;
    read_options.on_progress = options.on_progress;
    read_options.make_filter = options.make_filter;
    read_options.cancel = options.cancel;
    EventReader reader(layout, read_options);

    InputResult result;
    std::map<std::string, uint64_t> printed;
    bool stop = false;
    auto on_skip = [&](const SkippedLine& skipped) {
        if (options.strict && !stop) {
            fmt::print(stderr, "{}:{}: error: {}\n", skipped.file, skipped.line,
                       skipped.message);
            stop = true;
            reader.Stop();
            return;
        }
        uint64_t& count = printed[skipped.reason];
        ++count;
        if (options.quiet || count > options.messages_per_reason) {
            return;
        }
        fmt::print(stderr, "{}:{}: skipped: {}\n", skipped.file, skipped.line, skipped.message);
        if (count == options.messages_per_reason) {
            fmt::print(stderr, "note: further '{}' lines are counted, not shown\n",
                       skipped.reason);
        }
    };
    auto on_event_unless_stopped = [&](EventPtr event) {
        if (!stop && !on_event(std::move(event))) {
            result.stopped = true;
            reader.Stop();
        }
    };

    for (const std::string& file : files) {
        std::string error;
        if (!reader.ReadFile(file, on_event_unless_stopped, on_skip, &error)) {
            fmt::print(stderr, "{}: error: {}\n", file, error);
            result.ok = false;
            break;
        }
        if (reader.cancelled()) {
            result.cancelled = true;
            result.ok = false;
            break;
        }
        if (stop) {
            result.ok = false;
            break;
        }
        if (result.stopped) {
            break;
        }
    }
    result.stats = reader.stats();
    return result;
}

void PrintInputSummary(const ReadStats& stats) {
    uint64_t skipped = 0;
    std::string reasons;
    for (const auto& [reason, count] : stats.skipped) {
        skipped += count;
        reasons += fmt::format("{}{}: {}", reasons.empty() ? "" : ", ", reason, count);
    }
    if (skipped == 0) {
        fmt::print(stderr, "read {} lines: {} events, 0 skipped\n", stats.lines, stats.events);
        return;
    }
    fmt::print(stderr, "read {} lines: {} events, {} skipped ({})\n", stats.lines, stats.events,
               skipped, reasons);

    // Prefiltered lines were never parsed, so any of them may also be invalid.
    auto prefiltered = stats.skipped.find(std::string(skip_reason::kPrefiltered));
    if (prefiltered != stats.skipped.end()) {
        fmt::print(stderr,
                   "note: {} prefiltered lines lack a string that every rule requires, so they "
                   "were counted without being parsed or checked; --strict checks every line\n",
                   prefiltered->second);
    }
}

}  // namespace eql::cli
