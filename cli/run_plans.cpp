// RunPlans: one pass over the inputs for any number of compiled plans.
#include "cli/run_plans.hpp"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/output_file.hpp"

namespace eql::cli {
namespace {

bool WriteStats(const std::string& path, const std::vector<PlannedQuery>& queries,
                const RunReport& report) {
    nlohmann::ordered_json stats;
    stats["lines"] = report.stats.lines;
    stats["events"] = report.stats.events;
    stats["skipped"] = nlohmann::ordered_json::object();
    for (const auto& [reason, count] : report.stats.skipped) {
        stats["skipped"][reason] = count;
    }
    stats["rules"] = nlohmann::ordered_json::array();
    for (size_t i = 0; i < queries.size(); ++i) {
        stats["rules"].push_back({{"id", queries[i].identity.id},
                                  {"name", queries[i].identity.name},
                                  {"alerts", report.alerts[i]}});
    }
    std::ofstream out(path);
    out << stats.dump(2) << "\n";
    return static_cast<bool>(out);
}

}  // namespace

RunReport RunPlans(const std::vector<PlannedQuery>& queries, const EventLayout& layout,
                   const RunSettings& settings) {
    RunReport report;
    report.alerts.assign(queries.size(), 0);

    OutputFile output;
    std::string error;
    if (!output.Open(settings.output_path, &error)) {
        fmt::print(stderr, "error: {}\n", error);
        report.exit_code = 2;
        return report;
    }

    // Hits are written as the runner delivers them, each plan's in result order.
    std::vector<std::shared_ptr<const Plan>> plans;
    for (const PlannedQuery& query : queries) {
        plans.push_back(query.plan);
    }
    std::string line;
    Runner runner(plans, settings.run, [&](const Match& match) {
        ++report.alerts[match.query];
        const RuleIdentity* rule = settings.tag_rules ? &queries[match.query].identity : nullptr;
        line = FormatHit(match, rule);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), output.stream());
    });

    InputResult input = ReadEventInputs(settings.files, layout, settings.input,
                                        [&](EventPtr event) { runner.Push(std::move(event)); });
    report.stats = input.stats;
    if (!input.ok) {
        report.exit_code = 2;
        return report;
    }
    runner.Finish();

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
