// The findings of `eqlite check` and their three output formats: compiler-style text, a JSON
// object for scripts, and SARIF 2.1.0 for code-scanning tools.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eql/diagnostic.hpp"

namespace eql::cli {

struct Finding {
    std::string path;
    uint32_t line = 1;
    uint32_t column = 1;
    Severity severity = Severity::kError;
    std::string code;
    std::string message;
    std::string rendered;   // the text form with source line and caret
};

struct CheckReport {
    uint64_t checked = 0;   // EQL rules checked
    uint64_t skipped = 0;   // rule files of other languages, and TOML files that are no rule
    std::vector<Finding> findings;

    // True when there is an error, or a warning and `warnings_as_errors`.
    bool Failed(bool warnings_as_errors) const;
};

// Prints the report to stdout in `format` ("text", "json" or "sarif"). The text format also
// prints a summary line to stderr.
void PrintCheckReport(const CheckReport& report, const std::string& format);

std::string FormatCheckJson(const CheckReport& report);
std::string FormatCheckSarif(const CheckReport& report);

}  // namespace eql::cli
