// FormatJunit: the JUnit XML dialect that CI systems read (testsuites > testsuite > testcase,
// with a failure element on failing cases and times in seconds).
#include "cli/junit_report.hpp"

#include <fmt/format.h>

namespace eql::cli {

std::string EscapeXml(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 allows no control characters other than tab, LF and CR.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    out += ' ';
                } else {
                    out.push_back(c);
                }
        }
    }
    return out;
}

std::string FormatMatchList(const std::vector<std::vector<std::string>>& matches) {
    std::string out = "[";
    for (size_t m = 0; m < matches.size(); ++m) {
        out += m > 0 ? ", [" : "[";
        for (size_t e = 0; e < matches[m].size(); ++e) {
            out += (e > 0 ? ", " : "") + matches[m][e];
        }
        out += "]";
    }
    return out + "]";
}

namespace {

std::string FormatCase(const RuleTestRecord& record, const CaseOutcome& outcome) {
    std::string out = fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.6f}\"",
                                  EscapeXml(record.rule_path), EscapeXml(outcome.name),
                                  outcome.seconds);
    if (outcome.passed) {
        return out + "/>\n";
    }
    std::string detail = outcome.error.empty()
                             ? "expected " + FormatMatchList(outcome.expected) + ", actual " +
                                   FormatMatchList(outcome.actual)
                             : outcome.error;
    return out + fmt::format(">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                             EscapeXml(detail), EscapeXml(detail));
}

std::string FormatSuite(const RuleTestRecord& record) {
    size_t failures = 0;
    double seconds = 0;
    for (const CaseOutcome& outcome : record.result.cases) {
        failures += outcome.passed ? 0 : 1;
        seconds += outcome.seconds;
    }
    size_t errors = record.fixture_error.empty() ? 0 : 1;
    std::string out = fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.6f}\">\n",
        EscapeXml(record.rule_name), record.result.cases.size() + errors, failures, errors,
        seconds);
    for (const CaseOutcome& outcome : record.result.cases) {
        out += FormatCase(record, outcome);
    }
    if (errors > 0) {
        out += fmt::format("    <testcase classname=\"{}\" name=\"fixture\">\n"
                           "      <error message=\"invalid fixture or rule\">{}</error>\n"
                           "    </testcase>\n",
                           EscapeXml(record.rule_path), EscapeXml(record.fixture_error));
    }
    return out + "  </testsuite>\n";
}

}  // namespace

std::string FormatJunit(const std::vector<RuleTestRecord>& records) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"eqlite\">\n";
    for (const RuleTestRecord& record : records) {
        out += FormatSuite(record);
    }
    return out + "</testsuites>\n";
}

}  // namespace eql::cli
