// The stages an event passes, found once per event for every plan of a run. Stages are indexed
// by the category they test, so an event reaches only the stages of its own categories (and
// the `any` stages). Within a category, a stage with an index term is reached only by events
// with one of the term's values. Each stage reached tests its condition once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/expr/matchers.hpp"
#include "engine/io/event.hpp"
#include "engine/io/line_prefilter.hpp"
#include "engine/plan/plan.hpp"

namespace eql::eval {

// The stages of one plan that one event passed. Stages at index 64 and above have no bit, so
// evaluators test those themselves (see PassedStage).
using StageHits = StagePasses;

inline constexpr uint32_t kStageHitBits = 64;

// Index of the until stage in StageHits.
inline uint32_t UntilStageIndex(const Plan& plan) {
    return static_cast<uint32_t>(plan.stages.size());
}

// True when `event` passed `stage`, the stage at `index` (see StageHits).
bool PassedStage(const StageHits& hits, uint32_t index, const plan::StageNode& stage,
                 const Event& event);

class StageRouter {
public:
    // With `gate_on_source`, a stage whose required literals (StageNode::required_literals)
    // are not all in Event::source, or that finds no string of one of its `any_of` groups
    // there, fails without testing its condition. Stages with a selective index term are not
    // gated so. Only events read from JSON text may be routed with gating.
    StageRouter(const std::vector<std::shared_ptr<const Plan>>& plans, bool gate_on_source);

    // Replaces `out` with one entry per plan that `event` passed some stage of, in plan order.
    // Adds each stage passed to `stage_counts` (by plan, then stage index as in StageHits)
    // unless it is null.
    void Route(const Event& event, std::vector<StageHits>& out,
               std::vector<std::vector<uint64_t>>* stage_counts);

    // Per plan, the number of entries StageHits indexes: its stages, then the until stage.
    const std::vector<uint32_t>& stage_slots() const { return stage_slots_; }

private:
    struct StageRef {
        uint32_t plan = 0;
        uint32_t index = 0;  // as in StageHits
        const plan::StageNode* stage = nullptr;
        std::vector<uint32_t> literals;  // ids in literals_, when gating
        std::vector<std::vector<uint32_t>> any_of;  // ids; one of each group, when gating
    };
    // The stages of one indexed field within a StageGroup, by the value of their index term
    // (expr::IndexTerm), ASCII letters lowered.
    struct ValueIndex {
        uint32_t slot = 0;
        std::unordered_map<std::string, std::vector<uint32_t>, expr::TextHash, expr::TextEqual>
            by_value;
        std::vector<uint32_t> all;  // every stage of the index, for values that are not strings
    };
    // The stages an event reaches together: those of one category, or the `any` stages. A
    // stage with an index term sits in the ValueIndex of its field, any other in `unindexed`.
    // Both hold ids in stages_.
    struct StageGroup {
        std::vector<uint32_t> unindexed;
        std::vector<ValueIndex> indexes;
    };
    // The groups of the stages that test one category field, by the category text they expect.
    struct CategoryIndex {
        uint32_t slot = 0;
        std::unordered_map<std::string, StageGroup> by_category;
    };

    void AddStage(uint32_t plan, uint32_t index, const plan::StageNode& stage);
    static void AddToGroup(StageGroup& group, uint32_t id, const plan::StageNode& stage);
    void VisitGroup(const StageGroup& group, const Event& event,
                    std::vector<std::vector<uint64_t>>* stage_counts);
    void TestOnce(uint32_t id, const Event& event,
                  std::vector<std::vector<uint64_t>>* stage_counts);
    void TestStage(const StageRef& ref, const Event& event,
                   std::vector<std::vector<uint64_t>>* stage_counts);

    bool gate_on_source_ = false;
    LiteralSet literals_;
    std::vector<StageRef> stages_;
    std::vector<CategoryIndex> categories_;
    StageGroup any_stages_;
    std::vector<uint32_t> stage_slots_;
    std::vector<uint32_t> tested_in_;  // by stage id: the number of the event last tested
    uint32_t event_number_ = 0;
    std::vector<uint64_t> bits_;     // scratch, by plan
    std::vector<bool> touched_;      // scratch, by plan
    std::vector<uint32_t> touched_plans_;
    std::vector<std::string> seen_;  // scratch: category texts of the event
    std::string scratch_;
    std::string lowered_;            // scratch: a field value with ASCII letters lowered
};

}  // namespace eql::eval
