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

struct RunSettings {
    std::vector<std::string> files;    // event files; "-" is standard input
    InputOptions input;
    RunOptions run;
    std::string output_path;           // empty: standard output
    std::string stats_path;            // empty: no statistics file
    bool tag_rules = false;            // add "rule": {...} to every hit (replay)
};

struct PlannedQuery {
    std::shared_ptr<const Plan> plan;
    RuleIdentity identity;
};

struct RunReport {
    int exit_code = 0;                 // 0, or 2 after an I/O error or a --strict stop
    std::vector<uint64_t> alerts;      // per query
    ReadStats stats;
};

RunReport RunPlans(const std::vector<PlannedQuery>& queries, const EventLayout& layout,
                   const RunSettings& settings);

}  // namespace eql::cli
