// JUnit XML for `eqlite test --junit`: one testsuite per rule, one testcase per fixture case.
#pragma once

#include <string>
#include <vector>

#include "engine/api/rule_test.hpp"

namespace eql::cli {

struct RuleTestRecord {
    std::string rule_path;
    std::string rule_name;
    std::string fixture_path;
    RuleTestResult result;
    std::string fixture_error;   // the fixture or rule could not be used; rendered text
};

// Returns the whole XML document.
std::string FormatJunit(const std::vector<RuleTestRecord>& records);

// Escapes text for an XML attribute or element.
std::string EscapeXml(std::string_view text);

// Formats a list of matches as [[1, 2], [3, missing]].
std::string FormatMatchList(const std::vector<std::vector<std::string>>& matches);

}  // namespace eql::cli
