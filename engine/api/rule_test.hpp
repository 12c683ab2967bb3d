// Running a rule's fixtures: each case's events through the compiled rule, the matches compared
// with the case's expectations, and, on request, the coverage of the rule's stages and of the
// alternatives in its conditions by the positive cases.
#pragma once

#include <string>
#include <vector>

#include "eql/diagnostic.hpp"
#include "eql/engine.hpp"
#include "engine/io/rule_file.hpp"
#include "engine/io/rule_fixture.hpp"

namespace eql {

struct CaseOutcome {
    std::string name;
    uint32_t line = 1;                                 // line of the case in the fixture
    bool passed = false;
    std::string error;                                 // events unreadable or not usable
    std::vector<std::vector<std::string>> expected;    // each match as event labels
    std::vector<std::vector<std::string>> actual;      // "3" (line), "id" or "missing"
    std::vector<EventPtr> actual_events;               // events of the actual matches
    double seconds = 0;
};

// A part of a rule that no positive case exercised. `offset` and `length` point into the
// rule's query text.
struct CoverageGap {
    uint32_t offset = 0;
    uint32_t length = 1;
    std::string message;
};

struct RuleTestResult {
    std::vector<Diagnostic> compile_diagnostics;  // the rule does not compile: no cases ran
    std::vector<CaseOutcome> cases;
    std::vector<CoverageGap> coverage_gaps;       // filled when coverage is requested
};

// Runs every case of `fixture` against `rule`, compiled with `options`.
RuleTestResult RunRuleFixture(const RuleFile& rule, const RuleFixture& fixture,
                              const CompileOptions& options, bool with_coverage);

}  // namespace eql
