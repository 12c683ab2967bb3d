// `eqlite check [OPTIONS] PATH...` and `eqlite check -e QUERY`: parses and verifies rules and
// reports findings as compiler-style text, JSON or SARIF. Files are checked on a pool of
// threads, and schemas load on a thread of their own while the pool reads the rule files.
// Each file's findings are kept in the file's own slot, so the report is in file order
// whatever the number of threads.
#include <algorithm>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "cli/check_report.hpp"
#include "cli/commands.hpp"
#include "cli/parallel_for.hpp"
#include "engine/check/field_check.hpp"
#include "engine/check/schema_set.hpp"

namespace eql::cli {
namespace {

struct CheckFlags {
    std::vector<std::string> paths;
    std::string expression;
    std::string format = "text";
    bool warnings_as_errors = false;
    bool strict_comparisons = false;
    std::vector<std::string> schema_paths;
    EventFieldOptions fields;
    unsigned threads = DefaultThreadCount();
};

// The counts and findings that checking one file adds to the report.
struct FileOutcome {
    uint64_t checked = 0;
    uint64_t skipped = 0;
    std::vector<Finding> findings;
};

// Adds the schema findings of a rule that compiled (or failed only in verification). Where the
// verifier already reported a spot, its finding stands and the schema one is dropped.
void AddSchemaFindings(CompiledRule& compiled, const Schema& schema, const CheckFlags& flags) {
    if (compiled.query == nullptr) {
        return;
    }
    FieldCheckOptions options;
    options.strict_comparisons = flags.strict_comparisons;
    for (Diagnostic& finding : CheckFields(*compiled.query, schema, options)) {
        bool reported = false;
        for (const Diagnostic& existing : compiled.diagnostics) {
            reported = reported || existing.offset == finding.offset;
        }
        if (!reported) {
            compiled.diagnostics.push_back(std::move(finding));
        }
    }
    std::stable_sort(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.offset < b.offset; });
}

CompiledRule CompileChecked(RuleFile rule, const CheckFlags& flags, const SchemaSet& schemas) {
    EventLayout layout;
    CompileOptions options = OptionsForRule(rule, flags.fields);
    options.keep_condition_text = false;
    options.routing_hints = false;
    if (schemas.empty()) {
        return CompileRule(std::move(rule), layout, options);
    }
    SchemaView view = schemas.ViewFor(rule.index);
    options.schema = &view;
    CompiledRule compiled = CompileRule(std::move(rule), layout, options);
    AddSchemaFindings(compiled, view, flags);
    return compiled;
}

void AddRuleFindings(const CompiledRule& compiled, std::vector<Finding>& findings) {
    for (const Diagnostic& diagnostic : compiled.diagnostics) {
        LineColumn position = LocateRuleDiagnostic(compiled.rule, diagnostic);
        findings.push_back({compiled.rule.path, position.line, position.column,
                            diagnostic.severity, diagnostic.code, diagnostic.message,
                            FormatRuleDiagnostic(compiled.rule, diagnostic)});
    }
}

FileOutcome CheckFile(const std::string& path, RuleFileResult file, const CheckFlags& flags,
                      const SchemaSet& schemas) {
    FileOutcome outcome;
    if (file.status == RuleFileStatus::kOtherLanguage ||
        file.status == RuleFileStatus::kNotARule) {
        outcome.skipped = 1;
        return outcome;
    }
    if (file.status == RuleFileStatus::kInvalid) {
        RuleFile as_text = FileTextOnly(path, file.file_text);
        LineColumn position = LocateRuleDiagnostic(as_text, file.error);
        outcome.findings.push_back({path, position.line, position.column, Severity::kError,
                                    file.error.code, file.error.message,
                                    FormatRuleDiagnostic(as_text, file.error)});
        return outcome;
    }
    outcome.checked = 1;
    AddRuleFindings(CompileChecked(std::move(*file.rule), flags, schemas), outcome.findings);
    return outcome;
}

// Loads every schema file into `schemas`. Returns the first error message, or an empty string.
std::string LoadSchemas(const std::vector<std::string>& paths, SchemaSet& schemas) {
    for (const std::string& path : paths) {
        std::string error = schemas.AddFile(path);
        if (!error.empty()) {
            return error;
        }
    }
    return {};
}

// Loads the schema files into `schemas` on a thread of its own while `work` runs on this one.
// Returns the first error message, or an empty string.
std::string LoadSchemasDuring(const std::vector<std::string>& paths, SchemaSet& schemas,
                              const std::function<void()>& work) {
    std::string error;
    std::exception_ptr failure;
    {
        std::jthread loader([&] {
            try {
                error = LoadSchemas(paths, schemas);
            } catch (...) {
                failure = std::current_exception();
            }
        });
        work();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    return error;
}

// Reads and checks every file on the pool, then adds the outcomes to the report in file order.
// With schemas, the rule files are read and scanned, which needs no schema, while the schemas
// load, and checked once they have loaded. Returns a schema's error message, or an empty
// string.
std::string CheckFiles(const std::vector<std::string>& paths, const CheckFlags& flags,
                       SchemaSet& schemas, CheckReport& report) {
    std::vector<FileOutcome> outcomes(paths.size());
    if (flags.schema_paths.empty()) {
        ParallelFor(paths.size(), flags.threads, [&](size_t i) {
            outcomes[i] = CheckFile(paths[i], LoadRuleFile(paths[i]), flags, schemas);
        });
    } else {
        std::vector<RuleFileResult> files(paths.size());
        std::string error = LoadSchemasDuring(flags.schema_paths, schemas, [&] {
            ParallelFor(paths.size(), flags.threads,
                        [&](size_t i) { files[i] = LoadRuleFile(paths[i]); });
        });
        if (!error.empty()) {
            return error;
        }
        ParallelFor(paths.size(), flags.threads, [&](size_t i) {
            outcomes[i] = CheckFile(paths[i], std::move(files[i]), flags, schemas);
        });
    }

    for (FileOutcome& outcome : outcomes) {
        report.checked += outcome.checked;
        report.skipped += outcome.skipped;
        std::move(outcome.findings.begin(), outcome.findings.end(),
                  std::back_inserter(report.findings));
    }
    return {};
}

void CheckExpression(const CheckFlags& flags, const SchemaSet& schemas, CheckReport& report) {
    RuleFile rule;
    rule.path = "<query>";
    rule.query = flags.expression;
    rule.query_origin = SourceOrigin{"<query>", 1, 1};
    rule.file_text = flags.expression;
    ++report.checked;
    AddRuleFindings(CompileChecked(std::move(rule), flags, schemas), report.findings);
}

int RunCheck(const CheckFlags& flags) {
    if (flags.paths.empty() && flags.expression.empty()) {
        fmt::print(stderr, "error: name rule files or directories, or give a query with -e\n");
        return 2;
    }

    SchemaSet schemas;
    CheckReport report;
    std::vector<std::string> missing;
    std::string schema_error =
        CheckFiles(FindRuleFiles(flags.paths, &missing), flags, schemas, report);
    if (!schema_error.empty()) {
        fmt::print(stderr, "error: {}\n", schema_error);
        return 2;
    }
    if (!flags.expression.empty()) {
        CheckExpression(flags, schemas, report);
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
    command->add_option("--schema", flags->schema_paths,
                        "field schema: the ECS flat field list, an index mapping, or a list of "
                        "fields per index pattern (JSON, gzip or not); repeatable")
        ->allow_extra_args(false);
    command->add_flag("--warnings-as-errors", flags->warnings_as_errors,
                      "exit with status 1 when there are warnings");
    command->add_flag("--strict-comparisons", flags->strict_comparisons,
                      "report a string compared with a number field (or the reverse) as an "
                      "error, as detection-rules' validator does; default: a warning");
    command->add_option("--threads", flags->threads,
                        "number of threads that check files (default: the number of cores)")
        ->check(CLI::Range(1u, 1024u));
    return [flags] { return RunCheck(*flags); };
}

}  // namespace eql::cli
