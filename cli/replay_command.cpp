// `eqlite replay [OPTIONS] -r RULES [-r RULES...] FILE...`: runs every rule over the events in
// one pass and tags each hit with its rule.
#include <memory>

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
            RuleFile as_text{.path = path, .file_text = file.file_text};
            as_text.query_offset = 0;
            fmt::print(stderr, "{}", FormatRuleDiagnostic(as_text, file.error));
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

void PrintAlertTable(const std::vector<PlannedQuery>& queries, const RunReport& report) {
    uint64_t total = 0;
    for (size_t i = 0; i < queries.size(); ++i) {
        total += report.alerts[i];
        if (report.alerts[i] > 0) {
            fmt::print(stderr, "{:>8}  {}  {}\n", report.alerts[i], queries[i].identity.id,
                       queries[i].identity.name);
        }
    }
    fmt::print(stderr, "{} alerts from {} rules\n", total, queries.size());
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
