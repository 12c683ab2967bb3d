// ReadEventInputs: the event reader, or the merged read of several files, plus the command
// line's reporting of skipped lines.
#include "cli/event_input.hpp"

#include <cstdio>
#include <map>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "engine/io/merged_read.hpp"

namespace eql::cli {

namespace {

ReadOptions MakeReadOptions(const InputOptions& options) {
    ReadOptions read_options;
    read_options.require_timestamp = options.require_timestamp;
    read_options.threads = options.threads;
    // Strict mode reports every line that is not a usable event, so it parses every line.
    read_options.prefilter = options.strict ? nullptr : options.prefilter;
    read_options.on_progress = options.on_progress;
    read_options.make_filter = options.make_filter;
    read_options.cancel = options.cancel;
    return read_options;
}

// Maximum number of files read side by side. Each has its own reader threads and up to some
// 16 MiB of buffers, so a folder of hourly captures is read in turn instead.
// Known gap: past this many files, files that overlap in time fall out of order beyond the
// reorder window, and replay then sorts the clock in memory (see docs/performance.md).
constexpr size_t kMaxMergedFiles = 16;

// Several regular files, outside --strict, are read side by side and merged by time. A
// --strict run stops at the first unusable line, which only one reader at a time can find.
bool ReadsMerged(const std::vector<std::string>& files, const InputOptions& options) {
    if (files.size() < 2 || files.size() > kMaxMergedFiles || options.strict) {
        return false;
    }
    for (const std::string& file : files) {
        struct stat info {};
        if (file == "-" || stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
            access(file.c_str(), R_OK) != 0) {
            return false;
        }
    }
    return true;
}

InputResult ReadMergedInputs(const std::vector<std::string>& files, const EventLayout& layout,
                             const InputOptions& options,
                             const std::function<bool(EventPtr)>& on_event) {
    SkipPrinter local_printer(options.messages_per_reason, options.quiet);
    SkipPrinter& printer = options.printer != nullptr ? *options.printer : local_printer;
    MergedReadResult merged = ReadMerged(
        files, layout, MakeReadOptions(options), options.messages_per_reason, on_event,
        [&printer](const SkippedLine& skipped) { printer.Print(skipped); });

    InputResult result;
    result.stats = std::move(merged.stats);
    result.cancelled = options.cancel != nullptr && options.cancel->load();
    result.stopped = merged.stopped && !result.cancelled;
    if (!merged.error.empty()) {
        fmt::print(stderr, "{}: error: {}\n", merged.failed_file, merged.error);
    }
    result.ok = merged.error.empty() && !result.cancelled;
    return result;
}

// Reads the files one after another.
InputResult ReadInputsInTurn(const std::vector<std::string>& files, const EventLayout& layout,
                             const InputOptions& options,
                             const std::function<bool(EventPtr)>& on_event) {
    EventReader reader(layout, MakeReadOptions(options));
    SkipPrinter local_printer(options.messages_per_reason, options.quiet);
    SkipPrinter& printer = options.printer != nullptr ? *options.printer : local_printer;
    InputResult result;
    bool stop = false;
    auto on_skip = [&](const SkippedLine& skipped) {
        if (options.strict && !stop) {
            fmt::print(stderr, "{}:{}: error: {}\n", skipped.file, skipped.line,
                       skipped.message);
            stop = true;
            reader.Stop();
            return;
        }
        printer.Print(skipped);
    };
    auto on_event_unless_stopped = [&](EventPtr event) {
        if (!stop && !on_event(std::move(event))) {
            result.stopped = true;
            reader.Stop();
        }
    };

    for (const std::string& file : files) {
        std::string error;
        // A file that cannot be read is reported, and the files after it are still read.
        if (!reader.ReadFile(file, on_event_unless_stopped, on_skip, &error)) {
            fmt::print(stderr, "{}: error: {}\n", file, error);
            result.ok = false;
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

}  // namespace

void SkipPrinter::Print(const SkippedLine& skipped) {
    uint64_t& count = counts_[skipped.reason];
    if (count >= messages_per_reason_) {
        return;
    }
    std::string location = fmt::format("{}:{}", skipped.file, skipped.line);
    if (!shown_.insert(location).second) {
        return;
    }
    ++count;
    fmt::print(stderr, "{}: skipped: {}\n", location, skipped.message);
    if (count == messages_per_reason_) {
        fmt::print(stderr, "note: further '{}' lines are counted, not shown\n", skipped.reason);
    }
}

InputResult ReadEventInputs(const std::vector<std::string>& files, const EventLayout& layout,
                            const InputOptions& options,
                            const std::function<bool(EventPtr)>& on_event) {
    if (ReadsMerged(files, options)) {
        return ReadMergedInputs(files, layout, options, on_event);
    }
    return ReadInputsInTurn(files, layout, options, on_event);
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
