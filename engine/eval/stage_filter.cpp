// The category test and condition of one stage. `cat where c` passes when some value of the
// event category field is `cat` and `c` is true. `any where c` skips the category test, so it
// also takes events without a category field.
#include "engine/eval/stage_filter.hpp"

#include <string>

namespace eql::eval {

namespace {

bool ValueSpellsCategory(const Value& value, const std::string& category) {
    if (std::holds_alternative<std::string>(value)) {
        return std::get<std::string>(value) == category;
    }
    if (std::holds_alternative<int64_t>(value)) {
        return std::to_string(std::get<int64_t>(value)) == category;
    }
    if (std::holds_alternative<bool>(value)) {
        return category == (std::get<bool>(value) ? "true" : "false");
    }
    return false;
}

}  // namespace

bool MatchesCategory(const plan::StageNode& stage, const Event& event) {
    if (stage.any) {
        return true;
    }
    for (const Value& value : event.fields[stage.category_slot]) {
        if (ValueSpellsCategory(value, stage.category)) {
            return true;
        }
    }
    return false;
}

bool MatchesStage(const plan::StageNode& stage, const Event& event) {
    if (!MatchesCategory(stage, event)) {
        return false;
    }
    return stage.condition == nullptr || stage.condition->Test(event);
}

}  // namespace eql::eval
