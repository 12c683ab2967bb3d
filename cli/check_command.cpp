// `eqlite check [OPTIONS] PATH...` and `eqlite check -e QUERY`: parses and verifies rules and
// reports findings as compiler-style text, JSON or SARIF.
#include <memory>

#include <fmt/format.h>

#include "cli/check_report.hpp"
#include "cli/commands.hpp"

namespace eql::cli {
namespace {

struct CheckFlags {
    std::vector<std::string> paths;
    std::string expression;
    std::string format = "text";
    bool warnings_as_errors = false;
    EventFieldOptions fields;
};

void AddRuleFindings(const CompiledRule& compiled, CheckReport& report) {
    for (const Diagnostic& diagnostic : compiled.diagnostics) {
        LineColumn position = LocateRuleDiagnostic(compiled.rule, diagnostic);
        report.findings.push_back({compiled.rule.path, position.line, position.column,
                                   diagnostic.severity, diagnostic.code, diagnostic.message,
                                   FormatRuleDiagnostic(compiled.rule, diagnostic)});
    }
}

void CheckFile(const std::string& path, const CheckFlags& flags, CheckReport& report) {
    RuleFileResult file = LoadRuleFile(path);
    if (file.status == RuleFileStatus::kOtherLanguage ||
        file.status == RuleFileStatus::kNotARule) {
        ++report.skipped;
        return;
    }
    if (file.status == RuleFileStatus::kInvalid) {
        RuleFile as_text{.path = path, .file_text = file.file_text};
        LineColumn position = LocateRuleDiagnostic(as_text, file.error);
        report.findings.push_back({path, position.line, position.column, Severity::kError,
                                   file.error.code, file.error.message,
                                   FormatRuleDiagnostic(as_text, file.error)});
        return;
    }
    ++report.checked;
    EventLayout layout;
    CompileOptions options = OptionsForRule(*file.rule, flags.fields);
    AddRuleFindings(CompileRule(std::move(*file.rule), layout, options), report);
}

void CheckExpression(const CheckFlags& flags, CheckReport& report) {
    RuleFile rule;
    rule.path = "<query>";
    rule.query = flags.expression;
    rule.query_origin = SourceOrigin{"<query>", 1, 1};
    rule.file_text = flags.expression;
    ++report.checked;
    EventLayout layout;
    AddRuleFindings(CompileRule(rule, layout, OptionsForRule(rule, flags.fields)), report);
}

int RunCheck(const CheckFlags& flags) {
    if (flags.paths.empty() && flags.expression.empty()) {
        fmt::print(stderr, "error: name rule files or directories, or give a query with -e\n");
        return 2;
    }

    CheckReport report;
    std::vector<std::string> missing;
    for (const std::string& path : FindRuleFiles(flags.paths, &missing)) {
        CheckFile(path, flags, report);
    }
    if (!flags.expression.empty()) {
        CheckExpression(flags, report);
    }
    for (const std::string& path : missing) {
        fmt::print(stderr, "{}: error: no such file or directory\n", path);
    }

    PrintCheckReport(report, flags.format);
    if (!missing.empty()) {
        return 2;
    }
    return report.Failed(flags.warnings_as_errors) ? 1 : 0;
}

}  // namespace

CommandRunner AddCheckCommand(CLI::App& app) {
    auto flags = std::make_shared<CheckFlags>();
    CLI::App* command = app.add_subcommand("check", "parse and verify rules, report findings");
    command->add_option("paths", flags->paths, "rule files or directories (searched recursively)");
    command->add_option("-e,--expression", flags->expression, "check this query text");
    command->add_option("--format", flags->format, "output format")
        ->check(CLI::IsMember({"text", "json", "sarif"}))
        ->default_val("text");
    command->add_flag("--warnings-as-errors", flags->warnings_as_errors,
                      "exit with status 1 when there are warnings");
    return [flags] { return RunCheck(*flags); };
}

}  // namespace eql::cli
