#include "engine/api/rule_options.hpp"

#include <utility>

namespace eql {

CompileOptions OptionsForRule(const RuleFile& rule, CompileOptions command) {
    CompileOptions options = std::move(command);
    if (!rule.timestamp_override.empty()) {
        options.fallback_timestamp_field = options.timestamp_field;
        options.timestamp_field = rule.timestamp_override;
    }
    if (!rule.event_category_override.empty()) {
        options.event_category_field = rule.event_category_override;
    }
    if (!rule.tiebreaker_field.empty()) {
        options.tiebreaker_field = rule.tiebreaker_field;
    }
    return options;
}

}  // namespace eql
