// RunPlans: one pass over the inputs for any number of compiled plans, repeated with more
// clocks sorted in memory when the input turns out to be out of order beyond the reorder
// window. Only the last pass writes hits.
#include "cli/run_plans.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <sys/stat.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/interrupt.hpp"
#include "cli/output_file.hpp"
#include "cli/progress.hpp"
#include "engine/plan/plan.hpp"

namespace eql::cli {
namespace {

// How often (in events) a pass checks whether a clock has fallen out of order.
constexpr uint64_t kDisorderCheckInterval = 1024;

// One rule's member of the statistics: `stage_events` per stage in query order, and
// `until_events` when the rule has an until stage.
nlohmann::ordered_json RuleStats(const PlannedQuery& query, uint64_t alerts,
                                 const std::vector<uint64_t>& stage_counts) {
    nlohmann::ordered_json rule = {{"id", query.identity.id},
                                   {"name", query.identity.name},
                                   {"alerts", alerts}};
    size_t stages = query.plan != nullptr ? query.plan->stages.size() : 0;
    stages = std::min(stages, stage_counts.size());
    rule["stage_events"] = std::vector<uint64_t>(stage_counts.begin(),
                                                 stage_counts.begin() + stages);
    if (query.plan != nullptr && query.plan->until && stages < stage_counts.size()) {
        rule["until_events"] = stage_counts[stages];
    }
    return rule;
}

bool WriteStats(const std::string& path, const std::vector<PlannedQuery>& queries,
                const RunReport& report) {
    nlohmann::ordered_json stats;
    stats["lines"] = report.stats.lines;
    stats["events"] = report.stats.events;
    stats["skipped"] = nlohmann::ordered_json::object();
    for (const auto& [reason, count] : report.stats.skipped) {
        stats["skipped"][reason] = count;
    }
    stats["events_passing_no_stage"] =
        report.stats.events_filtered + report.run.events_passing_no_stage;
    stats["events_without_timestamp"] = report.run.events_without_timestamp;
    stats["held_events_peak"] = report.run.held_events_peak;
    stats["passes"] = report.passes;
    stats["sorted_clocks"] = report.sorted_clocks;
    stats["rules"] = nlohmann::ordered_json::array();
    for (size_t i = 0; i < queries.size(); ++i) {
        stats["rules"].push_back(RuleStats(queries[i], report.alerts[i], report.stage_counts[i]));
    }
    std::ofstream out(path);
    out << stats.dump(2) << "\n";
    return static_cast<bool>(out);
}

// Copies the spooled hits to the output stream.
bool CopySpool(std::FILE* spool, std::FILE* out) {
    std::rewind(spool);
    std::vector<char> buffer(size_t{1} << 20);
    size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), spool)) > 0) {
        if (std::fwrite(buffer.data(), 1, got, out) != got) {
            return false;
        }
    }
    return std::ferror(spool) == 0;
}

// An interrupted run writes neither the output file nor the statistics; OutputFile removes
// its temporary file.
void ReportInterrupted(const RunSettings& settings) {
    std::string unwritten;
    for (const std::string* path : {&settings.output_path, &settings.stats_path}) {
        if (!path->empty() && *path != "-") {
            unwritten += fmt::format("{}'{}'", unwritten.empty() ? "" : " and ", *path);
        }
    }
    if (unwritten.empty()) {
        fmt::print(stderr, "interrupted: stopped reading\n");
        return;
    }
    fmt::print(stderr, "interrupted: stopped reading; {} not written\n", unwritten);
}

// True when every input can be read a second time: no standard input, pipe or other stream.
// A missing path or a folder counts as rereadable, since reading it fails either way.
bool AllRereadable(const std::vector<std::string>& files) {
    for (const std::string& file : files) {
        struct stat info {};
        if (file == "-" || (stat(file.c_str(), &info) == 0 && !S_ISREG(info.st_mode) &&
                            !S_ISDIR(info.st_mode))) {
            return false;
        }
    }
    return true;
}

struct Pass {
    bool ok = true;                    // no I/O error and no --strict stop
    std::vector<uint32_t> disordered;  // clocks to sort in the next pass
};

// Reads every input once through a new Runner, writing hits to `out`.
Pass RunPass(const std::vector<PlannedQuery>& queries, const EventLayout& layout,
             const RunSettings& settings, const RunOptions& options, SkipPrinter& printer,
             std::FILE* out, RunReport& report) {
    std::vector<std::shared_ptr<const Plan>> plans;
    for (const PlannedQuery& query : queries) {
        plans.push_back(query.plan);
    }
    report.alerts.assign(queries.size(), 0);
    std::string line;
    Runner runner(plans, options, [&](const Match& match) {
        ++report.alerts[match.query];
        const RuleIdentity* rule = settings.tag_rules ? &queries[match.query].identity : nullptr;
        line = FormatHit(match, rule);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), out);
    });

    ProgressLine progress(settings.progress, KnownInputBytes(settings.files));
    InputOptions input = settings.input;
    input.printer = &printer;
    input.on_progress = [&progress](uint64_t records, uint64_t bytes) {
        progress.Update(records, bytes);
    };
    LinePrefilter prefilter;
    for (const std::shared_ptr<const Plan>& plan : plans) {
        if (plan != nullptr) {
            AddRequiredLiterals(*plan, prefilter);
        }
    }
    input.prefilter = &prefilter;
    input.make_filter = MakeStageFilters(plans);

    // A pass that fell out of order is repeated anyway, so it stops reading at once.
    uint64_t pushed = 0;
    InputResult read = ReadEventInputs(settings.files, layout, input, [&](EventPtr event) {
        runner.Push(std::move(event));
        return ++pushed % kDisorderCheckInterval != 0 || runner.DisorderedClocks().empty();
    });
    progress.Clear();

    Pass pass;
    report.stats = read.stats;
    pass.ok = read.ok;
    if (read.ok) {
        runner.Finish();
        pass.disordered = runner.DisorderedClocks();
    }
    report.run = runner.Stats();
    report.stage_counts = runner.StageCounts();
    return pass;
}

}  // namespace

RunReport RunPlans(const std::vector<PlannedQuery>& queries, const EventLayout& layout,
                   const RunSettings& settings) {
    RunReport report;
    report.alerts.assign(queries.size(), 0);
    report.stage_counts.resize(queries.size());

    OutputFile output;
    std::string error;
    if (!output.Open(settings.output_path, &error)) {
        fmt::print(stderr, "error: {}\n", error);
        report.exit_code = 2;
        return report;
    }

    // Standard input and pipes cannot be read again, so they sort every clock from the start.
    RunOptions options = settings.run;
    bool rereadable = AllRereadable(settings.files);
    SkipPrinter printer(settings.input.messages_per_reason, settings.input.quiet);
    if (!rereadable) {
        options.reorder_window = 0;
    }
    bool may_repeat = options.reorder_window > 0;

    std::FILE* spool = nullptr;
    while (true) {
        if (may_repeat) {
            if (spool != nullptr) {
                std::fclose(spool);
            }
            spool = std::tmpfile();
            if (spool == nullptr) {
                fmt::print(stderr, "error: cannot create a temporary file for the hits\n");
                report.exit_code = 2;
                return report;
            }
        }
        ++report.passes;
        std::FILE* out = may_repeat ? spool : output.stream();
        Pass pass = RunPass(queries, layout, settings, options, printer, out, report);
        if (!pass.ok) {
            report.exit_code = 2;
            break;
        }
        if (pass.disordered.empty()) {
            break;
        }
        for (uint32_t clock : pass.disordered) {
            const ClockSpec& spec = layout.clocks()[clock];
            fmt::print(stderr,
                       "note: events on the '{}' clock are out of order beyond the reorder "
                       "window of {} events; reading the input again with that clock sorted "
                       "in memory\n",
                       spec.timestamp_field, options.reorder_window);
            options.sorted_clocks.push_back(clock);
        }
    }
    if (settings.input.cancel != nullptr && settings.input.cancel->load()) {
        ReportInterrupted(settings);
        report.exit_code = InterruptExitStatus();
        if (spool != nullptr) {
            std::fclose(spool);
        }
        return report;
    }
    report.sorted_clocks = options.sorted_clocks;
    if (!rereadable) {
        for (uint32_t clock = 0; clock < layout.clocks().size(); ++clock) {
            report.sorted_clocks.push_back(clock);
        }
    }

    if (spool != nullptr) {
        bool copied = report.exit_code == 0 ? CopySpool(spool, output.stream()) : true;
        std::fclose(spool);
        if (!copied) {
            fmt::print(stderr, "error: failed to copy the hits to the output\n");
            report.exit_code = 2;
            return report;
        }
    }
    if (report.exit_code != 0) {
        return report;
    }
    if (!output.Commit(&error)) {
        fmt::print(stderr, "error: {}\n", error);
        report.exit_code = 2;
        return report;
    }
    if (!settings.stats_path.empty() && !WriteStats(settings.stats_path, queries, report)) {
        fmt::print(stderr, "error: cannot write statistics to '{}'\n", settings.stats_path);
        report.exit_code = 2;
    }
    return report;
}

}  // namespace eql::cli
