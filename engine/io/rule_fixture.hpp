// Rule fixtures: the test cases kept beside a rule, in `NAME.test.toml` next to `NAME.toml` or
// `NAME.eql`. Each case names its events (inline NDJSON or a file) and the matches the rule
// must give on them, or that it gives none. docs/testing-rules.md describes the format.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "eql/diagnostic.hpp"

namespace eql {

// One event of an expected match: its 1-based line in the case's events, the value of the
// fixture's id field, or the placeholder of a missing stage.
struct ExpectedEvent {
    enum class Kind { kLine, kId, kMissing };
    Kind kind = Kind::kLine;
    uint64_t line = 0;
    std::string id;
};

struct FixtureCase {
    std::string name;
    std::string events_text;     // inline NDJSON, when the case has `events`
    std::string events_file;     // resolved path, when the case has `events_file`
    std::vector<std::vector<ExpectedEvent>> expected;  // empty: the rule must not match
    uint32_t line = 1;           // line of the case's table in the fixture file
};

struct RuleFixture {
    std::string path;
    std::string id_field;        // `id_field`, for expectations written as ids; may be empty
    std::vector<FixtureCase> cases;
};

struct RuleFixtureResult {
    std::optional<RuleFixture> fixture;  // set when the file was read and is valid
    Diagnostic error;                    // otherwise: what is wrong, offset into `file_text`
    std::string file_text;
};

// Returns the fixture path for a rule file: `rules/x.toml` and `rules/x.eql` give
// `rules/x.test.toml`.
std::string FixturePathForRule(const std::string& rule_path);

// Reads and validates one fixture file.
RuleFixtureResult LoadRuleFixture(const std::string& path);

}  // namespace eql
