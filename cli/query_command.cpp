// `eqlite query [OPTIONS] QUERY FILE...`: runs one query over event files.
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "engine/plan/plan.hpp"

namespace eql::cli {
namespace {

struct QueryFlags {
    EventRunFlags run;
    std::string query;
    std::vector<std::string> files;
    bool explain = false;
};

int RunQuery(const QueryFlags& flags) {
    EventLayout layout;
    RuleFile rule;
    rule.path = "<query>";
    rule.rule_id = "query";
    rule.name = "query";
    rule.query = flags.query;
    rule.query_origin = SourceOrigin{"<query>", 1, 1};

    CompiledRule compiled = CompileRule(rule, layout, OptionsForRule(rule, flags.run.fields));
    for (const Diagnostic& diagnostic : compiled.diagnostics) {
        fmt::print(stderr, "{}", FormatRuleDiagnostic(compiled.rule, diagnostic));
    }
    if (compiled.plan == nullptr) {
        return 1;
    }
    if (flags.explain) {
        fmt::print("{}", Explain(*compiled.plan));
        return 0;
    }

    if (flags.files.empty()) {
        fmt::print(stderr, "error: no event files given; name one or more, or '-' for stdin\n");
        return 2;
    }
    RunSettings settings = SettingsFromFlags(flags.run, flags.files);
    // Samples need no timestamp, so a sample query keeps events that have none.
    settings.input.require_timestamp = compiled.plan->kind != plan::QueryKind::kSample;
    std::vector<PlannedQuery> queries{{compiled.plan, {rule.rule_id, rule.name}}};
    RunReport report = RunPlans(queries, layout, settings);
    if (!flags.run.quiet) {
        PrintInputSummary(report.stats);
        fmt::print(stderr, "{} matches\n", report.alerts[0]);
    }
    return report.exit_code;
}

}  // namespace

CommandRunner AddQueryCommand(CLI::App& app) {
    auto flags = std::make_shared<QueryFlags>();
    CLI::App* command = app.add_subcommand("query", "run one EQL query over event files");
    command->add_option("query", flags->query, "the EQL query")->required();
    command->add_option("files", flags->files, "NDJSON or .gz event files; '-' is stdin");
    command->add_flag("--explain", flags->explain, "print the query plan and exit");
    AddEventRunFlags(*command, flags->run);
    return [flags] { return RunQuery(*flags); };
}

}  // namespace eql::cli
