// The line prefilter of a run: every stage's required literals (expr::RequiredLiterals, which
// the planner keeps per stage) plus the text its category test needs. Entry point:
// AddRequiredLiterals, declared in eql/engine.hpp.
#include <string>
#include <vector>

#include "eql/engine.hpp"
#include "engine/plan/plan.hpp"

namespace eql {

namespace {

bool IsIntegerText(const std::string& text) {
    size_t start = !text.empty() && text.front() == '-' ? 1 : 0;
    return text.size() > start &&
           text.find_first_not_of("0123456789", start) == std::string::npos;
}

// True when a JSON writer emits `text` inside a string unchanged (see RequiredLiterals).
bool IsVerbatimInJson(const std::string& text) {
    for (char c : text) {
        unsigned char byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7F || std::string_view("\\\"/<>&'=").find(c) !=
                                                 std::string_view::npos) {
            return false;
        }
    }
    return true;
}

// The text an event passing the category test of `stage` contains, or "" when none is sure.
// MatchesCategory accepts a string equal to the category, and an integer or boolean whose JSON
// text equals it, so only a category that reads as neither is sure to appear quoted.
std::string CategoryLiteral(const plan::StageNode& stage) {
    if (stage.any || stage.category.empty()) {
        return "";
    }
    if (IsIntegerText(stage.category) || stage.category == "true" ||
        stage.category == "false") {
        return stage.category;
    }
    if (!IsVerbatimInJson(stage.category)) {
        return "";
    }
    return "\"" + stage.category + "\"";
}

void AddStage(const plan::StageNode& stage, LinePrefilter& prefilter) {
    std::vector<std::string> exact = stage.required_literals.exact;
    std::string category = CategoryLiteral(stage);
    if (!category.empty()) {
        exact.push_back(std::move(category));
    }
    prefilter.AddStage(exact, stage.required_literals.folded);
}

}  // namespace

void AddRequiredLiterals(const Plan& plan, LinePrefilter& prefilter) {
    for (const plan::StageNode& stage : plan.stages) {
        AddStage(stage, prefilter);
    }
    if (plan.until) {
        AddStage(*plan.until, prefilter);
    }
}

}  // namespace eql
