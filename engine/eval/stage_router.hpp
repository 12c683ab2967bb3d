// The stages an event passes, found once per event for every plan of a run. Stages are indexed
// by the category they test, so an event reaches only the stages of its own categories (and
// the `any` stages), and each of those tests its condition once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

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
    // there, fails without testing its condition. Only events read from JSON text may be
    // routed so.
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
    // The stages that test one category field, by the category text they expect.
    struct CategoryIndex {
        uint32_t slot = 0;
        std::unordered_map<std::string, std::vector<StageRef>> by_category;
    };

    void AddStage(uint32_t plan, uint32_t index, const plan::StageNode& stage);
    void TestStage(const StageRef& ref, const Event& event,
                   std::vector<std::vector<uint64_t>>* stage_counts);

    bool gate_on_source_ = false;
    LiteralSet literals_;
    std::vector<CategoryIndex> categories_;
    std::vector<StageRef> any_stages_;
    std::vector<uint32_t> stage_slots_;
    std::vector<uint64_t> bits_;     // scratch, by plan
    std::vector<bool> touched_;      // scratch, by plan
    std::vector<uint32_t> touched_plans_;
    std::vector<std::string> seen_;  // scratch: category texts of the event
    std::string scratch_;
};

}  // namespace eql::eval
