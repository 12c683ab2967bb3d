// Plan::Dump: the plan one node a line, for `eqlite explain` and for tests that compare plans.
// The first line names the query kind and its options. Each stage, the until clause, each
// pipe, the clock and the fields read follow on a line of their own, indented by two spaces.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "engine/plan/plan.hpp"

namespace eql::plan {

namespace {

bool IsIdentifier(const std::string& text) {
    if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) {
        return false;
    }
    for (char c : text) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
            return false;
        }
    }
    return true;
}

std::string QuoteString(const std::string& text) {
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "\"";
}

std::string KeyList(const std::vector<KeyNode>& keys) {
    std::string text;
    for (const KeyNode& key : keys) {
        if (!text.empty()) {
            text += ", ";
        }
        text += (key.optional ? "?" : "") + key.path;
    }
    return text;
}

// Formats a stage as `process where cond by k1, k2`, with the keys the evaluator joins on.
std::string FilterText(const StageNode& stage) {
    std::string text;
    if (stage.any) {
        text = "any";
    } else {
        text = IsIdentifier(stage.category) ? stage.category : QuoteString(stage.category);
    }
    text += " where " + stage.condition_text;
    if (!stage.keys.empty()) {
        text += " by " + KeyList(stage.keys);
    }
    return text;
}

std::string StageLine(size_t index, const StageNode& stage) {
    std::string line = "  stage " + std::to_string(index);
    line += stage.kind == StageKind::kMissing ? " missing" : " positive";
    if (stage.runs > 1) {
        line += " run " + std::to_string(stage.run + 1) + "/" + std::to_string(stage.runs);
    }
    return line + ": " + FilterText(stage);
}

std::string HeaderLine(const Plan& plan) {
    std::string line;
    switch (plan.kind) {
        case QueryKind::kEvent: line = "event"; break;
        case QueryKind::kSequence: line = "sequence"; break;
        case QueryKind::kSample: line = "sample"; break;
    }
    if (plan.shared_key_count > 0 && !plan.stages.empty()) {
        const std::vector<KeyNode>& keys = plan.stages.front().keys;
        size_t count = std::min<size_t>(plan.shared_key_count, keys.size());
        std::vector<KeyNode> shared(keys.begin(), keys.begin() + count);
        line += " by " + KeyList(shared);
    }
    if (plan.maxspan_ns) {
        line += " maxspan=" + FormatDuration(*plan.maxspan_ns);
    }
    return line;
}

std::string ClockLine(const Plan& plan) {
    std::string line = "  clock " + std::to_string(plan.clock) + ": timestamp " +
                       plan.clock_spec.timestamp_field;
    if (!plan.clock_spec.fallback_timestamp_field.empty()) {
        line += " or " + plan.clock_spec.fallback_timestamp_field;
    }
    if (!plan.clock_spec.tiebreaker_field.empty()) {
        line += ", tiebreaker " + plan.clock_spec.tiebreaker_field;
    }
    return line;
}

std::string FieldsLine(const Plan& plan) {
    std::string line = "  reads:";
    for (size_t i = 0; i < plan.slots_read.size(); ++i) {
        line += " " + (i < plan.fields_read.size() ? plan.fields_read[i] : std::string("?"));
        line += "#" + std::to_string(plan.slots_read[i]);
    }
    return line;
}

}  // namespace

std::string FormatDuration(int64_t nanoseconds) {
    static constexpr std::array<std::pair<int64_t, const char*>, 6> kUnits = {{
        {86'400'000'000'000, "d"},
        {3'600'000'000'000, "h"},
        {60'000'000'000, "m"},
        {1'000'000'000, "s"},
        {1'000'000, "ms"},
        {1, "ns"},
    }};
    for (const auto& [size, name] : kUnits) {
        if (nanoseconds != 0 && nanoseconds % size == 0) {
            return std::to_string(nanoseconds / size) + name;
        }
    }
    return std::to_string(nanoseconds) + "ns";
}

}  // namespace eql::plan

namespace eql {

std::string Plan::Dump() const {
    std::string text = plan::HeaderLine(*this) + "\n";
    for (size_t i = 0; i < stages.size(); ++i) {
        text += plan::StageLine(i, stages[i]) + "\n";
    }
    if (until) {
        text += "  until: " + plan::FilterText(*until) + "\n";
    }
    for (const plan::PipeNode& pipe : pipes) {
        text += std::string("  pipe ") + (pipe.kind == plan::PipeKind::kHead ? "head " : "tail ") +
                std::to_string(pipe.count) + "\n";
    }
    text += plan::ClockLine(*this) + "\n";
    text += plan::FieldsLine(*this) + "\n";
    return text;
}

}  // namespace eql
