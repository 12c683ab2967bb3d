// The test one stage applies to one event: the category, then the compiled condition.
#pragma once

#include "engine/io/event.hpp"
#include "engine/plan/plan.hpp"

namespace eql::eval {

// True when some value of the event category field equals the stage's category exactly, or
// when the stage is `any`. A number or boolean in the field matches its JSON text.
bool MatchesCategory(const plan::StageNode& stage, const Event& event);

// True when the event passes the category test and the stage's condition.
bool MatchesStage(const plan::StageNode& stage, const Event& event);

}  // namespace eql::eval
