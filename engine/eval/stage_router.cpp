// Routing events to stages. Each stage that tests a category sits in a hash table under that
// category's text, one table per category field; `any` stages sit in a list every event
// visits. An event looks up the text of each value of each category field (a string as is, an
// integer or boolean as its JSON text, as MatchesCategory compares them), so the category test
// costs one lookup per value instead of one comparison per stage. When the event's JSON text
// is at hand, a stage's required literals and literal groups are looked for in it first, and a
// stage that lacks one fails without its condition being evaluated. Entry point: Route.
#include "engine/eval/stage_router.hpp"

#include <algorithm>

#include "engine/eval/stage_filter.hpp"
#include "engine/expr/string_ops.hpp"

namespace eql::eval {

namespace {

// The text a category value matches, as MatchesCategory spells it, or null for other kinds.
// A number or boolean is spelled into `scratch`.
const std::string* CategoryText(const Value& value, std::string* scratch) {
    if (std::holds_alternative<std::string>(value)) {
        return &std::get<std::string>(value);
    }
    if (std::holds_alternative<int64_t>(value)) {
        *scratch = std::to_string(std::get<int64_t>(value));
        return scratch;
    }
    if (std::holds_alternative<bool>(value)) {
        *scratch = std::get<bool>(value) ? "true" : "false";
        return scratch;
    }
    return nullptr;
}

}  // namespace

bool PassedStage(const StageHits& hits, uint32_t index, const plan::StageNode& stage,
                 const Event& event) {
    if (index < kStageHitBits) {
        return (hits.bits >> index) & 1;
    }
    return MatchesStage(stage, event);
}

StageRouter::StageRouter(const std::vector<std::shared_ptr<const Plan>>& plans,
                         bool gate_on_source)
    : gate_on_source_(gate_on_source) {
    stage_slots_.assign(plans.size(), 0);
    for (uint32_t p = 0; p < plans.size(); ++p) {
        const Plan* plan = plans[p].get();
        if (plan == nullptr) {
            continue;
        }
        for (uint32_t i = 0; i < plan->stages.size(); ++i) {
            AddStage(p, i, plan->stages[i]);
        }
        if (plan->until) {
            AddStage(p, UntilStageIndex(*plan), *plan->until);
        }
        stage_slots_[p] = UntilStageIndex(*plan) + 1;
    }
    bits_.assign(plans.size(), 0);
    touched_.assign(plans.size(), false);
}

void StageRouter::AddStage(uint32_t plan, uint32_t index, const plan::StageNode& stage) {
    // A stage reached through a selective index term skips the required literals: on the
    // rule corpus, searching them cost more than the conditions they spared.
    StageRef ref{plan, index, &stage, {}, {}};
    bool selective = stage.index_term && stage.index_term->selective;
    if (gate_on_source_ && !selective) {
        for (const std::string& text : stage.required_literals.exact) {
            ref.literals.push_back(literals_.Add(text, false));
        }
        for (const std::string& text : stage.required_literals.folded) {
            ref.literals.push_back(literals_.Add(text, true));
        }
        for (const expr::RequiredLiterals::AnyOf& group : stage.required_literals.any_of) {
            std::vector<uint32_t> ids;
            for (const std::string& text : group.texts) {
                ids.push_back(literals_.Add(text, group.folded));
            }
            ref.any_of.push_back(std::move(ids));
        }
    }
    uint32_t id = static_cast<uint32_t>(stages_.size());
    stages_.push_back(std::move(ref));
    tested_in_.push_back(0);
    if (stage.any) {
        AddToGroup(any_stages_, id, stage);
        return;
    }
    auto found = std::find_if(categories_.begin(), categories_.end(),
                              [&stage](const CategoryIndex& c) {
                                  return c.slot == stage.category_slot;
                              });
    if (found == categories_.end()) {
        categories_.push_back(CategoryIndex{stage.category_slot, {}});
        found = categories_.end() - 1;
    }
    AddToGroup(found->by_category[stage.category], id, stage);
}

void StageRouter::AddToGroup(StageGroup& group, uint32_t id, const plan::StageNode& stage) {
    if (!stage.index_term) {
        group.unindexed.push_back(id);
        return;
    }
    const expr::IndexTerm& term = *stage.index_term;
    auto found = std::find_if(group.indexes.begin(), group.indexes.end(),
                              [&term](const ValueIndex& index) {
                                  return index.slot == term.slot;
                              });
    if (found == group.indexes.end()) {
        group.indexes.push_back(ValueIndex{term.slot, {}, {}});
        found = group.indexes.end() - 1;
    }
    for (const std::string& value : term.values) {
        found->by_value[value].push_back(id);
    }
    found->all.push_back(id);
}

void StageRouter::Route(const Event& event, std::vector<StageHits>& out,
                        std::vector<std::vector<uint64_t>>* stage_counts) {
    out.clear();
    if (gate_on_source_) {
        literals_.Reset(event.source);
    }
    if (++event_number_ == 0) {
        std::fill(tested_in_.begin(), tested_in_.end(), 0);
        event_number_ = 1;
    }
    VisitGroup(any_stages_, event, stage_counts);

    for (const CategoryIndex& index : categories_) {
        seen_.clear();
        for (const Value& value : event.fields[index.slot]) {
            const std::string* text = CategoryText(value, &scratch_);
            if (text == nullptr || std::find(seen_.begin(), seen_.end(), *text) != seen_.end()) {
                continue;
            }
            auto found = index.by_category.find(*text);
            seen_.push_back(*text);
            if (found != index.by_category.end()) {
                VisitGroup(found->second, event, stage_counts);
            }
        }
    }

    // Hand out the plans in order and clear the scratch for the next event.
    std::sort(touched_plans_.begin(), touched_plans_.end());
    for (uint32_t plan : touched_plans_) {
        out.push_back(StageHits{plan, bits_[plan]});
        bits_[plan] = 0;
        touched_[plan] = false;
    }
    touched_plans_.clear();
}

// Tests the group's unindexed stages, and of each indexed field the stages whose term has one
// of the event's values. A value that is not a string reaches every stage of its field.
void StageRouter::VisitGroup(const StageGroup& group, const Event& event,
                             std::vector<std::vector<uint64_t>>* stage_counts) {
    for (uint32_t id : group.unindexed) {
        TestOnce(id, event, stage_counts);
    }
    for (const ValueIndex& index : group.indexes) {
        for (const Value& value : event.fields[index.slot]) {
            if (!std::holds_alternative<std::string>(value)) {
                for (uint32_t id : index.all) {
                    TestOnce(id, event, stage_counts);
                }
                continue;
            }
            const std::string& text = std::get<std::string>(value);
            lowered_.resize(text.size());
            std::transform(text.begin(), text.end(), lowered_.begin(), expr::FoldAscii);
            auto found = index.by_value.find(std::string_view(lowered_));
            if (found == index.by_value.end()) {
                continue;
            }
            for (uint32_t id : found->second) {
                TestOnce(id, event, stage_counts);
            }
        }
    }
}

// Tests a stage unless this event has tested it already, through another of its values.
void StageRouter::TestOnce(uint32_t id, const Event& event,
                           std::vector<std::vector<uint64_t>>* stage_counts) {
    if (tested_in_[id] == event_number_) {
        return;
    }
    tested_in_[id] = event_number_;
    TestStage(stages_[id], event, stage_counts);
}

void StageRouter::TestStage(const StageRef& ref, const Event& event,
                            std::vector<std::vector<uint64_t>>* stage_counts) {
    for (uint32_t literal : ref.literals) {
        if (!literals_.Contains(literal)) {
            return;
        }
    }
    for (const std::vector<uint32_t>& group : ref.any_of) {
        bool some = std::any_of(group.begin(), group.end(),
                                [this](uint32_t literal) { return literals_.Contains(literal); });
        if (!some) {
            return;
        }
    }
    const plan::StageNode& stage = *ref.stage;
    if (stage.condition != nullptr && !stage.condition->Test(event)) {
        return;
    }
    if (stage_counts != nullptr) {
        ++(*stage_counts)[ref.plan][ref.index];
    }
    if (ref.index < kStageHitBits) {
        bits_[ref.plan] |= uint64_t{1} << ref.index;
    }
    if (!touched_[ref.plan]) {
        touched_[ref.plan] = true;
        touched_plans_.push_back(ref.plan);
    }
}

}  // namespace eql::eval
