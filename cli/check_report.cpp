// Output formats of `eqlite check`. SARIF follows the 2.1.0 schema that GitHub code scanning
// reads: one run, the tool's rules listed by finding code, one result per finding with a
// physical location (file URI, start line and column, columns in code points).
#include "cli/check_report.hpp"

#include <cctype>
#include <cstdio>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace eql::cli {
namespace {

using Json = nlohmann::ordered_json;

const char* SeverityName(Severity severity) {
    return severity == Severity::kError ? "error" : "warning";
}

size_t CountSeverity(const CheckReport& report, Severity severity) {
    size_t count = 0;
    for (const Finding& finding : report.findings) {
        count += finding.severity == severity ? 1 : 0;
    }
    return count;
}

Json SarifRules(const CheckReport& report) {
    std::map<std::string, Severity> codes;
    for (const Finding& finding : report.findings) {
        codes.emplace(finding.code, finding.severity);
    }
    Json rules = Json::array();
    for (const auto& [code, severity] : codes) {
        rules.push_back({{"id", code},
                         {"shortDescription", {{"text", "eqlite finding " + code}}},
                         {"defaultConfiguration", {{"level", SeverityName(severity)}}}});
    }
    return rules;
}

// Returns the SARIF artifact URI of a path: a relative reference for a relative path, which
// code-scanning tools resolve against the repository root, and a file URI for an absolute one.
// Bytes other than unreserved characters and '/' are percent-encoded.
std::string ArtifactUri(const std::string& path) {
    std::string uri = path.starts_with('/') ? "file://" : "";
    for (char c : path) {
        auto byte = static_cast<unsigned char>(c);
        bool unreserved = std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' ||
                          c == '~' || c == '/';
        uri += unreserved ? std::string(1, c) : fmt::format("%{:02X}", byte);
    }
    return uri;
}

Json SarifResult(const Finding& finding) {
    Json region = {{"startLine", finding.line}, {"startColumn", finding.column}};
    Json location = {{"physicalLocation",
                      {{"artifactLocation", {{"uri", ArtifactUri(finding.path)}}},
                       {"region", region}}}};
    return {{"ruleId", finding.code},
            {"level", SeverityName(finding.severity)},
            {"message", {{"text", finding.message}}},
            {"locations", Json::array({location})}};
}

}  // namespace

bool CheckReport::Failed(bool warnings_as_errors) const {
    for (const Finding& finding : findings) {
        if (finding.severity == Severity::kError || warnings_as_errors) {
            return true;
        }
    }
    return false;
}

std::string FormatCheckJson(const CheckReport& report) {
    Json findings = Json::array();
    for (const Finding& finding : report.findings) {
        findings.push_back({{"path", finding.path},
                            {"line", finding.line},
                            {"column", finding.column},
                            {"severity", SeverityName(finding.severity)},
                            {"code", finding.code},
                            {"message", finding.message}});
    }
    Json document = {{"checked", report.checked},
                     {"skipped", report.skipped},
                     {"findings", findings}};
    return document.dump(2) + "\n";
}

std::string FormatCheckSarif(const CheckReport& report) {
    Json results = Json::array();
    for (const Finding& finding : report.findings) {
        results.push_back(SarifResult(finding));
    }
    Json driver = {{"name", "eqlite"}, {"version", "0.1.0"}, {"rules", SarifRules(report)}};
    // Columns count code points, as in the text format; SARIF's default is UTF-16 code units.
    Json run = {{"tool", {{"driver", driver}}},
                {"columnKind", "unicodeCodePoints"},
                {"results", results}};
    Json document = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                     {"version", "2.1.0"},
                     {"runs", Json::array({run})}};
    return document.dump(2) + "\n";
}

void PrintCheckReport(const CheckReport& report, const std::string& format) {
    if (format == "json") {
        fmt::print("{}", FormatCheckJson(report));
        return;
    }
    if (format == "sarif") {
        fmt::print("{}", FormatCheckSarif(report));
        return;
    }
    for (const Finding& finding : report.findings) {
        fmt::print("{}", finding.rendered);
    }
    fmt::print(stderr, "checked {} EQL rules, skipped {} other files: {} errors, {} warnings\n",
               report.checked, report.skipped, CountSeverity(report, Severity::kError),
               CountSeverity(report, Severity::kWarning));
}

}  // namespace eql::cli
