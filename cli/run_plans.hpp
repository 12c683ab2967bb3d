// The part `query` and `replay` share: read the event files once, run every plan over them,
// write the hits, and report what was read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/event_input.hpp"
#include "cli/hit_writer.hpp"
#include "eql/engine.hpp"

namespace eql::cli {

// Events per clock that a run holds to put local disorder in order (RunOptions). It covers
// a disorder of 16384 events that pass some stage, e.g. event.ingested trailing @timestamp by
// up to a minute at a few hundred such events a second.
inline constexpr uint64_t kDefaultReorderWindow = 1 << 14;

struct RunSettings {
    std::vector<std::string> files;    // event files; "-" is standard input
    InputOptions input;
    RunOptions run;
    std::string output_path;           // empty: standard output
    std::string stats_path;            // empty: no statistics file
    bool tag_rules = false;            // add "rule": {...} to every hit (replay)
    bool progress = false;             // draw a progress line on stderr
};

struct PlannedQuery {
    std::shared_ptr<const Plan> plan;
    RuleIdentity identity;
};

struct RunReport {
    int exit_code = 0;  // 0; 2 after an I/O error or a --strict stop; 130 after Ctrl-C
    std::vector<uint64_t> alerts;      // per query
    std::vector<std::vector<uint64_t>> stage_counts;  // per query, as Runner::StageCounts
    ReadStats stats;
    RunStats run;
    std::vector<uint32_t> sorted_clocks;  // clocks that fell back to sorting in memory
    uint32_t passes = 0;                  // times the input was read
};

// Runs `queries` over the files. Event queries and sequences stream through a reorder window
// per clock. When an event comes later than the window allows, the run is repeated from the
// start with that clock sorted in memory (standard input cannot be read twice, so with "-"
// every clock sorts from the start). Hits are spooled to a temporary file until the last pass
// ends, so no hit of an abandoned pass is written.
RunReport RunPlans(const std::vector<PlannedQuery>& queries, const EventLayout& layout,
                   const RunSettings& settings);

}  // namespace eql::cli
