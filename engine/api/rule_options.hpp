// The compile options that a rule file implies for the command that runs it.
#pragma once

#include "eql/engine.hpp"
#include "engine/io/rule_file.hpp"

namespace eql {

// Returns `command` with the rule's own settings over it: its timestamp_override (falling back
// to the command's timestamp field for events that lack it), event_category_override and
// tiebreaker_field.
CompileOptions OptionsForRule(const RuleFile& rule, CompileOptions command);

}  // namespace eql
