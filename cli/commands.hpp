// The subcommands of `eqlite`. Each Add*Command registers its options on `app` and returns
// the function that runs it once the arguments are parsed; that function returns the exit
// status (0 success, 1 findings or rule errors, 2 usage or I/O errors).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "cli/rule_set.hpp"
#include "cli/run_plans.hpp"

namespace eql::cli {

using CommandRunner = std::function<int()>;

CommandRunner AddQueryCommand(CLI::App& app);
CommandRunner AddReplayCommand(CLI::App& app);
CommandRunner AddCheckCommand(CLI::App& app);
CommandRunner AddTestCommand(CLI::App& app);

// Options shared by `query` and `replay`: event fields, limits, output and input handling.
struct EventRunFlags {
    EventFieldOptions fields;
    uint64_t size = 0;              // 0: all matches
    uint64_t max_samples_per_key = 1;  // samples taken for one key before it is done
    std::string output_path;
    std::string stats_path;
    bool quiet = false;
    bool strict = false;
    unsigned threads = 0;           // parse threads; 0: one per core
    uint64_t reorder_window = kDefaultReorderWindow;  // events per clock; 0: sort in memory
};

void AddEventRunFlags(CLI::App& command, EventRunFlags& flags);
RunSettings SettingsFromFlags(const EventRunFlags& flags, std::vector<std::string> files);

}  // namespace eql::cli
