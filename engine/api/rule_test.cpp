// RunRuleFixture: compiles the rule once per case, reads the case's events, runs the rule and
// compares its matches with the expected ones, in order. Coverage is computed in
// rule_coverage.cpp from the matches of the positive cases.
#include "engine/api/rule_test.hpp"

#include <chrono>

#include "engine/api/rule_coverage.hpp"
#include "engine/io/event_reader.hpp"

namespace eql {
namespace {

std::string LabelOf(const ExpectedEvent& event) {
    switch (event.kind) {
        case ExpectedEvent::Kind::kMissing: return "missing";
        case ExpectedEvent::Kind::kLine: return std::to_string(event.line);
        case ExpectedEvent::Kind::kId: return event.id;
    }
    return "";
}

// Labels an actual event the way the fixture writes its expectations: by id when the fixture
// has an id field and the event has a value there, else by line.
std::string LabelOf(const EventPtr& event, int64_t id_slot) {
    if (event == nullptr) {
        return "missing";
    }
    if (id_slot >= 0 && !event->fields[id_slot].empty()) {
        const Value& id = event->fields[id_slot].front();
        if (const std::string* text = std::get_if<std::string>(&id)) {
            return *text;
        }
        if (const int64_t* number = std::get_if<int64_t>(&id)) {
            return std::to_string(*number);
        }
    }
    return std::to_string(event->line);
}

// Reads the case's events; returns false with *error set when they cannot be used.
bool ReadCaseEvents(const FixtureCase& test_case, const EventLayout& layout,
                    const std::function<void(EventPtr)>& on_event, std::string* error) {
    EventReader reader(layout);
    std::string first_skip;
    auto on_skip = [&](const SkippedLine& skipped) {
        if (first_skip.empty()) {
            first_skip = "line " + std::to_string(skipped.line) + ": " + skipped.message;
        }
    };
    if (test_case.events_file.empty()) {
        reader.ReadText("<events>", test_case.events_text, on_event, on_skip);
    } else if (!reader.ReadFile(test_case.events_file, on_event, on_skip, error)) {
        *error = test_case.events_file + ": " + *error;
        return false;
    }
    if (!first_skip.empty()) {
        *error = "an event line is not usable, " + first_skip;
        return false;
    }
    return true;
}

CaseOutcome RunCase(const RuleFile& rule, const RuleFixture& fixture,
                    const FixtureCase& test_case, const CompileOptions& options,
                    CoverageRecorder* coverage) {
    auto started = std::chrono::steady_clock::now();
    CaseOutcome outcome;
    outcome.name = test_case.name;
    outcome.line = test_case.line;
    for (const auto& match : test_case.expected) {
        std::vector<std::string> labels;
        for (const ExpectedEvent& event : match) {
            labels.push_back(LabelOf(event));
        }
        outcome.expected.push_back(std::move(labels));
    }

    // Compile per case, so the layout contains the id field beside the fields of the rule.
    EventLayout layout;
    CompileResult compiled = Compile(rule.query, layout, options);
    int64_t id_slot = -1;
    if (!fixture.id_field.empty()) {
        id_slot = layout.AddField(fixture.id_field);
    }
    std::vector<Match> matches;
    Runner runner({compiled.plan}, RunOptions{}, [&](const Match& match) {
        matches.push_back(match);
    });
    if (!ReadCaseEvents(test_case, layout, [&](EventPtr e) { runner.Push(std::move(e)); },
                        &outcome.error)) {
        return outcome;
    }
    runner.Finish();

    for (const Match& match : matches) {
        std::vector<std::string> labels;
        for (const EventPtr& event : match.events) {
            labels.push_back(LabelOf(event, id_slot));
            outcome.actual_events.push_back(event);
        }
        outcome.actual.push_back(std::move(labels));
    }
    outcome.passed = outcome.actual == outcome.expected;
    if (coverage != nullptr && outcome.passed && !matches.empty()) {
        coverage->Record(matches, layout);
    }
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return outcome;
}

}  // namespace

RuleTestResult RunRuleFixture(const RuleFile& rule, const RuleFixture& fixture,
                              const CompileOptions& options, bool with_coverage) {
    RuleTestResult result;
    EventLayout probe_layout;
    CompileResult probe = Compile(rule.query, probe_layout, options);
    if (probe.plan == nullptr) {
        result.compile_diagnostics = std::move(probe.diagnostics);
        return result;
    }

    std::optional<CoverageRecorder> coverage;
    if (with_coverage) {
        coverage.emplace(rule.query, *probe.plan);
    }
    for (const FixtureCase& test_case : fixture.cases) {
        CoverageRecorder* recorder = coverage ? &*coverage : nullptr;
        result.cases.push_back(RunCase(rule, fixture, test_case, options, recorder));
    }
    if (coverage) {
        result.coverage_gaps = coverage->Gaps();
    }
    return result;
}

}  // namespace eql
