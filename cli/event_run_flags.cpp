// The options `query` and `replay` share.
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"

#include <unistd.h>

#include <algorithm>
#include <thread>

namespace eql::cli {

void AddEventRunFlags(CLI::App& command, EventRunFlags& flags) {
    command.add_option("--timestamp-field", flags.fields.timestamp_field,
                       "field that orders events and measures maxspan")
        ->default_val("@timestamp");
    command.add_option("--tiebreaker-field", flags.fields.tiebreaker_field,
                       "field that orders events with equal timestamps (then input order)");
    command.add_option("--category-field", flags.fields.category_field,
                       "field the 'category where' test reads, a string or an array")
        ->default_val("event.category");
    command.add_option("--size", flags.size,
                       "print at most N matches per query, the most recent ones (0: all)");
    command.add_option("--max-samples-per-key", flags.max_samples_per_key,
                       "samples a sample query takes for one key value, as Elasticsearch's "
                       "max_samples_per_key")
        ->default_val(1)
        ->check(CLI::Validator(
            [](const std::string& text) {
                return text.find_first_not_of('0') == std::string::npos
                           ? "must be at least 1, found " + text
                           : std::string();
            },
            "N>=1"));
    command.add_option("-o,--output", flags.output_path,
                       "write matches to FILE (through a temporary file) instead of stdout");
    command.add_option("--stats", flags.stats_path,
                       "write read and match counts to FILE as JSON");
    command.add_flag("-q,--quiet", flags.quiet,
                     "print no progress line, skipped-line messages or summary");
    command.add_option("--threads", flags.threads,
                       "threads that parse events (0: one per core)")
        ->default_val(0);
    command.add_option("--reorder-window", flags.reorder_window,
                       "events per clock held to put out-of-order input in order; input more "
                       "out of order is read again with that clock sorted in memory (0: sort "
                       "in memory from the start)")
        ->default_val(kDefaultReorderWindow);
    command.add_flag("--strict", flags.strict,
                     "stop with exit status 2 at the first line that is not a usable event");
}

RunSettings SettingsFromFlags(const EventRunFlags& flags, std::vector<std::string> files) {
    RunSettings settings;
    settings.files = std::move(files);
    settings.input.strict = flags.strict;
    settings.input.quiet = flags.quiet;
    if (flags.size > 0) {
        settings.run.size = flags.size;
    }
    settings.run.max_samples_per_key = flags.max_samples_per_key;
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    settings.input.threads = flags.threads == 0 ? cores : flags.threads;
    settings.run.reorder_window = flags.reorder_window;
    settings.progress = !flags.quiet && isatty(STDERR_FILENO) != 0;
    settings.output_path = flags.output_path;
    settings.stats_path = flags.stats_path;
    // Ctrl-C ends the reading; RunPlans then writes no output and returns 130.
    WatchForInterrupt();
    settings.input.cancel = InterruptFlag();
    return settings;
}

}  // namespace eql::cli
