// `eqlite test [PATH...]`: runs the fixtures kept beside each rule and reports failing cases,
// optionally as JUnit XML, and with --coverage the rules and rule parts no case exercises.
#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/junit_report.hpp"

namespace eql::cli {
namespace {

namespace fs = std::filesystem;

struct TestFlags {
    std::vector<std::string> paths;
    std::string junit_path;
    bool coverage = false;
    EventFieldOptions fields;
};

struct TestTotals {
    size_t passed = 0;
    size_t failed = 0;
    std::vector<std::string> rules_without_fixtures;
};

void PrintFailedCase(const RuleTestRecord& record, const CaseOutcome& outcome) {
    fmt::print("FAIL {}: case '{}' ({}:{})\n", record.rule_path, outcome.name,
               record.fixture_path, outcome.line);
    if (!outcome.error.empty()) {
        fmt::print("  error: {}\n", outcome.error);
        return;
    }
    fmt::print("  expected: {}\n  actual:   {}\n", FormatMatchList(outcome.expected),
               FormatMatchList(outcome.actual));
    for (const EventPtr& event : outcome.actual_events) {
        if (event != nullptr) {
            std::string_view source = event->source;
            bool cut = source.size() > 160;
            fmt::print("  line {}: {}{}\n", event->line, source.substr(0, 160), cut ? "..." : "");
        }
    }
}

void PrintCoverage(const RuleFile& rule, const RuleTestResult& result) {
    for (const CoverageGap& gap : result.coverage_gaps) {
        Diagnostic diagnostic;
        diagnostic.severity = Severity::kWarning;
        diagnostic.code = "untested";
        diagnostic.offset = gap.offset;
        diagnostic.length = gap.length;
        diagnostic.message = gap.message;
        fmt::print("{}", FormatRuleDiagnostic(rule, diagnostic));
    }
}

// Runs one rule's fixture; returns false when the rule has no fixture file.
bool TestRule(const RuleFile& rule, const TestFlags& flags, std::vector<RuleTestRecord>& records,
              TestTotals& totals) {
    std::string fixture_path = FixturePathForRule(rule.path);
    if (!fs::exists(fixture_path)) {
        return false;
    }
    RuleTestRecord record{rule.path, rule.name, fixture_path, {}, {}};
    RuleFixtureResult fixture = LoadRuleFixture(fixture_path);
    if (!fixture.fixture) {
        record.fixture_error =
            FormatRuleDiagnostic(FileTextOnly(fixture_path, fixture.file_text), fixture.error);
    } else {
        record.result = RunRuleFixture(rule, *fixture.fixture, OptionsForRule(rule, flags.fields),
                                       flags.coverage);
        for (const Diagnostic& diagnostic : record.result.compile_diagnostics) {
            record.fixture_error += FormatRuleDiagnostic(rule, diagnostic);
        }
    }

    if (!record.fixture_error.empty()) {
        fmt::print("FAIL {}:\n{}", rule.path, record.fixture_error);
        ++totals.failed;
    }
    for (const CaseOutcome& outcome : record.result.cases) {
        if (outcome.passed) {
            ++totals.passed;
        } else {
            ++totals.failed;
            PrintFailedCase(record, outcome);
        }
    }
    if (flags.coverage) {
        PrintCoverage(rule, record.result);
    }
    records.push_back(std::move(record));
    return true;
}

int RunTests(TestFlags flags) {
    if (flags.paths.empty()) {
        flags.paths.push_back("rules");
    }
    std::vector<std::string> missing;
    std::vector<std::string> files = FindRuleFiles(flags.paths, &missing);
    for (const std::string& path : missing) {
        fmt::print(stderr, "{}: error: no such file or directory\n", path);
    }

    std::vector<RuleTestRecord> records;
    TestTotals totals;
    for (const std::string& path : files) {
        RuleFileResult file = LoadRuleFile(path);
        if (file.status != RuleFileStatus::kLoaded) {
            continue;
        }
        if (!TestRule(*file.rule, flags, records, totals)) {
            totals.rules_without_fixtures.push_back(path);
        }
    }

    if (flags.coverage) {
        for (const std::string& path : totals.rules_without_fixtures) {
            fmt::print("{}: warning: the rule has no fixtures ({} not found)\n", path,
                       FixturePathForRule(path));
        }
    }
    if (!flags.junit_path.empty()) {
        std::ofstream junit(flags.junit_path);
        junit << FormatJunit(records);
        if (!junit) {
            fmt::print(stderr, "error: cannot write '{}'\n", flags.junit_path);
            return 2;
        }
    }
    fmt::print("{} passed, {} failed\n", totals.passed, totals.failed);
    if (!missing.empty()) {
        return 2;
    }
    return totals.failed > 0 ? 1 : 0;
}

}  // namespace

CommandRunner AddTestCommand(CLI::App& app) {
    auto flags = std::make_shared<TestFlags>();
    CLI::App* command = app.add_subcommand("test", "run the fixtures kept beside each rule");
    command->add_option("paths", flags->paths, "rule files or directories (default: rules)");
    command->add_option("--junit", flags->junit_path, "write the results as JUnit XML to FILE");
    command->add_flag("--coverage", flags->coverage,
                      "list rules without fixtures, and stages and alternatives (or branches, "
                      "in and pattern list values) that no positive case exercises");
    return [flags] { return RunTests(*flags); };
}

}  // namespace eql::cli
