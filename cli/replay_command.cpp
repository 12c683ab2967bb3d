// `eqlite replay [OPTIONS] -r RULES [-r RULES...] FILE...`: runs every rule over the events in
// one pass and tags each hit with its rule.
#include <algorithm>
#include <memory>
#include <string_view>

#include <fmt/format.h>

#include "cli/commands.hpp"

namespace eql::cli {
namespace {

struct ReplayFlags {
    EventRunFlags run;
    std::vector<std::string> rule_paths;
    std::vector<std::string> files;
};

struct LoadedRules {
    std::vector<CompiledRule> compiled;
    size_t other_language = 0;
    size_t with_errors = 0;
    bool io_error = false;
};

LoadedRules LoadRules(const ReplayFlags& flags, EventLayout& layout) {
    LoadedRules loaded;
    std::vector<std::string> missing;
    std::vector<std::string> paths = FindRuleFiles(flags.rule_paths, &missing);
    for (const std::string& path : missing) {
        fmt::print(stderr, "{}: error: no such file or directory\n", path);
        loaded.io_error = true;
    }

    for (const std::string& path : paths) {
        RuleFileResult file = LoadRuleFile(path);
        if (file.status == RuleFileStatus::kOtherLanguage ||
            file.status == RuleFileStatus::kNotARule) {
            ++loaded.other_language;
            continue;
        }
        if (file.status == RuleFileStatus::kInvalid) {
            fmt::print(stderr, "{}",
                       FormatRuleDiagnostic(FileTextOnly(path, file.file_text), file.error));
            ++loaded.with_errors;
            continue;
        }
        RuleFile rule = std::move(*file.rule);
        CompileOptions options = OptionsForRule(rule, flags.run.fields);
        CompiledRule compiled = CompileRule(std::move(rule), layout, options);
        for (const Diagnostic& diagnostic : compiled.diagnostics) {
            fmt::print(stderr, "{}", FormatRuleDiagnostic(compiled.rule, diagnostic));
        }
        if (compiled.plan == nullptr) {
            ++loaded.with_errors;
            continue;
        }
        loaded.compiled.push_back(std::move(compiled));
    }
    return loaded;
}

// Rules listed one a line in the summary; past this many, only rules with alerts are.
constexpr size_t kFullTableRules = 40;

// The events that passed each stage, "12 / 3", with the until stage last when it saw any.
std::string StageColumn(const std::vector<uint64_t>& counts) {
    std::string text;
    for (size_t i = 0; i + 1 < counts.size(); ++i) {
        text += fmt::format("{}{}", i == 0 ? "" : " / ", counts[i]);
    }
    if (!counts.empty() && counts.back() > 0) {
        text += fmt::format(" until {}", counts.back());
    }
    return text;
}

void PrintAlertTable(const std::vector<PlannedQuery>& queries, const RunReport& report) {
    bool full = queries.size() <= kFullTableRules;
    uint64_t total = 0;
    size_t hidden = 0;
    std::vector<std::string> stage_columns;
    size_t width = std::string_view("events per stage").size();
    for (size_t i = 0; i < queries.size(); ++i) {
        stage_columns.push_back(StageColumn(report.stage_counts[i]));
        width = std::max(width, stage_columns.back().size());
    }
    if (!queries.empty()) {
        fmt::print(stderr, "{:>8}  {:<{}}  {}\n", "alerts", "events per stage", width, "rule");
    }
    for (size_t i = 0; i < queries.size(); ++i) {
        total += report.alerts[i];
        if (!full && report.alerts[i] == 0) {
            ++hidden;
            continue;
        }
        fmt::print(stderr, "{:>8}  {:<{}}  {}  {}\n", report.alerts[i], stage_columns[i], width,
                   queries[i].identity.id, queries[i].identity.name);
    }
    if (hidden > 0) {
        fmt::print(stderr, "({} rules without alerts not shown; --stats FILE lists every rule)\n",
                   hidden);
    }
    fmt::print(stderr, "{} alerts from {} rules\n", total, queries.size());
}

// One warning per rule whose state is not bounded by a time window.
void WarnUnboundedState(const std::vector<CompiledRule>& rules) {
    for (const CompiledRule& compiled : rules) {
        if (HasUnboundedState(*compiled.plan)) {
            fmt::print(stderr,
                       "{}: warning: rule '{}' keeps state that grows with the input (a "
                       "sequence without maxspan, or a sample)\n",
                       compiled.rule.path, compiled.rule.name);
        }
    }
}

int RunReplay(const ReplayFlags& flags) {
    EventLayout layout;
    LoadedRules loaded = LoadRules(flags, layout);
    if (loaded.io_error) {
        return 2;
    }
    if (!flags.run.quiet) {
        fmt::print(stderr, "loaded {} EQL rules; skipped {} files of other languages; {} with "
                   "errors\n", loaded.compiled.size(), loaded.other_language, loaded.with_errors);
    }

    WarnUnboundedState(loaded.compiled);

    std::vector<PlannedQuery> queries;
    for (const CompiledRule& compiled : loaded.compiled) {
        queries.push_back({compiled.plan, {compiled.rule.rule_id, compiled.rule.name}});
    }
    RunSettings settings = SettingsFromFlags(flags.run, flags.files);
    settings.tag_rules = true;
    RunReport report = RunPlans(queries, layout, settings);
    if (!flags.run.quiet) {
        PrintInputSummary(report.stats);
        PrintAlertTable(queries, report);
    }
    if (report.exit_code != 0) {
        return report.exit_code;
    }
    return loaded.with_errors > 0 ? 1 : 0;
}

}  // namespace

CommandRunner AddReplayCommand(CLI::App& app) {
    auto flags = std::make_shared<ReplayFlags>();
    CLI::App* command = app.add_subcommand("replay", "run every rule over event files in one pass");
    command->add_option("-r,--rules", flags->rule_paths,
                        "rule file or directory (TOML or .eql, searched recursively); repeatable")
        ->required()
        ->allow_extra_args(false);
    command->add_option("files", flags->files, "NDJSON or .gz event files; '-' is stdin")
        ->required();
    AddEventRunFlags(*command, flags->run);
    return [flags] { return RunReplay(*flags); };
}

}  // namespace eql::cli
