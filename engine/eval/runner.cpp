// The driver behind eql::Runner. Each pushed event is routed once to the stages that can want
// it: on the parse thread when MakeStageFilters ran there (Event::passes), else here by a
// StageRouter. An event that passes no stage is dropped at once, and samples take the rest as
// they come. For event and sequence plans, each clock puts the events in ordinal order through
// a ReorderBuffer and hands them on as they leave it, so memory follows the window and the
// plans' own state, not the input. Finish drains the buffers in clock order, then flushes the
// plans in list order. Entry points: MakePlanEvaluator, MakeStageFilters and the Runner.
#include <algorithm>
#include <bit>
#include <utility>

#include "eql/engine.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/eval/pipes.hpp"
#include "engine/eval/reorder_buffer.hpp"
#include "engine/eval/stage_router.hpp"
#include "engine/plan/plan.hpp"

namespace eql::eval {

namespace {

// A plan's evaluator followed by its pipes.
class LimitedEvaluator final : public QueryEvaluator {
public:
    LimitedEvaluator(std::vector<plan::PipeNode> chain, uint32_t query_index, MatchSink sink)
        : limiter_(std::move(chain), [query_index, sink = std::move(sink)](Match&& match) {
              match.query = query_index;
              sink(std::move(match));
          }) {}

    void SetInner(std::unique_ptr<QueryEvaluator> inner) { inner_ = std::move(inner); }
    ResultLimiter& limiter() { return limiter_; }

    void Push(const EventPtr& event, const StageHits& hits) override {
        if (!limiter_.Saturated()) {
            inner_->Push(event, hits);
        }
    }

    void Finish() override {
        inner_->Finish();
        limiter_.Finish();
    }

private:
    ResultLimiter limiter_;
    std::unique_ptr<QueryEvaluator> inner_;
};

}  // namespace

std::unique_ptr<QueryEvaluator> MakePlanEvaluator(const Plan& plan, const RunOptions& options,
                                                  uint32_t query_index, MatchSink sink) {
    bool sample = plan.kind == plan::QueryKind::kSample;
    plan::PipeKind default_kind = sample ? plan::PipeKind::kHead : plan::PipeKind::kTail;
    auto limited = std::make_unique<LimitedEvaluator>(
        EffectivePipes(plan.pipes, options.size, default_kind), query_index, std::move(sink));

    ResultLimiter* limiter = &limited->limiter();
    MatchSink to_limiter = [limiter](Match&& match) { limiter->Add(std::move(match)); };
    switch (plan.kind) {
        case plan::QueryKind::kEvent:
            limited->SetInner(MakeEventQueryEvaluator(plan, std::move(to_limiter)));
            break;
        case plan::QueryKind::kSequence:
            limited->SetInner(MakeSequenceEvaluator(plan, std::move(to_limiter)));
            break;
        case plan::QueryKind::kSample:
            limited->SetInner(
                MakeSampleEvaluator(plan, options.max_samples_per_key, std::move(to_limiter)));
            break;
    }
    return limited;
}

}  // namespace eql::eval

namespace eql {

namespace {

// The slots a Runner reads from an event whose stages were tested already: the join and
// sample keys. Returns nothing with *all set when some plan has a stage without a bit in
// StageHits, whose condition the Runner then tests itself.
std::vector<uint32_t> SlotsReadAfterRouting(const std::vector<std::shared_ptr<const Plan>>& plans,
                                            bool* all) {
    std::vector<uint32_t> slots;
    *all = false;
    auto add_keys = [&slots](const plan::StageNode& stage) {
        for (const plan::KeyNode& key : stage.keys) {
            slots.push_back(key.slot);
        }
    };
    for (const std::shared_ptr<const Plan>& plan : plans) {
        if (plan == nullptr) {
            continue;
        }
        if (eval::UntilStageIndex(*plan) >= eval::kStageHitBits) {
            *all = true;
            return {};
        }
        for (const plan::StageNode& stage : plan->stages) {
            add_keys(stage);
        }
        if (plan->until) {
            add_keys(*plan->until);
        }
    }
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    return slots;
}

// Tests the stages of all plans on a parsing thread; see MakeStageFilters. A kept event keeps
// only the fields the Runner still reads, so that the events held for ordering stay small.
class StageFilter final : public EventFilter {
public:
    explicit StageFilter(const std::vector<std::shared_ptr<const Plan>>& plans)
        : router_(plans, true), slots_read_(SlotsReadAfterRouting(plans, &reads_all_)) {}

    bool Keep(Event& event) override {
        router_.Route(event, event.passes, nullptr);
        event.routed = true;
        if (event.passes.empty()) {
            return false;
        }
        if (!reads_all_) {
            event.fields.KeepOnly(slots_read_);
        }
        return true;
    }

private:
    eval::StageRouter router_;
    bool reads_all_ = false;
    std::vector<uint32_t> slots_read_;  // ascending
};

}  // namespace

std::function<std::unique_ptr<EventFilter>()> MakeStageFilters(
    const std::vector<std::shared_ptr<const Plan>>& plans) {
    return [plans]() -> std::unique_ptr<EventFilter> {
        return std::make_unique<StageFilter>(plans);
    };
}

bool HasUnboundedState(const Plan& plan) {
    if (plan.kind == plan::QueryKind::kSample) {
        return true;
    }
    // A maxspan of zero means no limit, as in Elasticsearch.
    return plan.kind == plan::QueryKind::kSequence && (!plan.maxspan_ns || *plan.maxspan_ns <= 0);
}

struct Runner::State {
    explicit State(const std::vector<std::shared_ptr<const Plan>>& all)
        : router(all, false) {}

    void Deliver(const Match& match) {
        if (!muted[match.query]) {
            sink(match);
        }
    }
    void Release(const eval::HeldEvent& held);
    void CountRouted(const std::vector<StagePasses>& passes);
    void Disorder(uint32_t clock);

    std::vector<std::shared_ptr<const Plan>> plans;
    RunOptions options;
    MatchSink sink;
    std::vector<std::unique_ptr<eval::QueryEvaluator>> evaluators;  // by plan; null for null
    std::vector<bool> muted;                                        // by plan

    eval::StageRouter router;
    std::vector<int64_t> plan_clock;                      // by plan; -1 for samples
    std::vector<std::vector<uint32_t>> plans_by_clock;    // event and sequence plans
    std::vector<std::unique_ptr<eval::ReorderBuffer>> buffers;  // by clock; null: no plans
    std::vector<bool> disordered;                         // by clock

    std::vector<eval::StageHits> hits;  // scratch for Route
    std::vector<std::vector<uint64_t>> stage_counts;
    RunStats stats;
    bool finished = false;
};

void Runner::State::Release(const eval::HeldEvent& held) {
    for (const eval::StageHits& plan_hits : held.hits) {
        evaluators[plan_hits.plan]->Push(held.event, plan_hits);
    }
}

void Runner::State::CountRouted(const std::vector<StagePasses>& passes) {
    for (const StagePasses& plan_passes : passes) {
        if (plan_passes.plan >= stage_counts.size()) {
            continue;
        }
        std::vector<uint64_t>& counts = stage_counts[plan_passes.plan];
        for (uint64_t bits = plan_passes.bits; bits != 0; bits &= bits - 1) {
            auto stage = static_cast<size_t>(std::countr_zero(bits));
            if (stage < counts.size()) {
                ++counts[stage];
            }
        }
    }
}

void Runner::State::Disorder(uint32_t clock) {
    disordered[clock] = true;
    stats.held_events_peak = std::max(stats.held_events_peak, buffers[clock]->peak());
    buffers[clock].reset();
    for (uint32_t plan : plans_by_clock[clock]) {
        muted[plan] = true;
    }
}

Runner::Runner(std::vector<std::shared_ptr<const Plan>> plans, const RunOptions& options,
               MatchSink sink)
    : state_(std::make_unique<State>(plans)) {
    State& state = *state_;
    state.plans = std::move(plans);
    state.options = options;
    state.sink = std::move(sink);
    state.evaluators.resize(state.plans.size());
    state.muted.assign(state.plans.size(), false);
    state.plan_clock.assign(state.plans.size(), -1);
    state.stage_counts.resize(state.plans.size());

    for (uint32_t i = 0; i < state.plans.size(); ++i) {
        const Plan* plan = state.plans[i].get();
        state.stage_counts[i].assign(state.router.stage_slots()[i], 0);
        if (plan == nullptr) {
            continue;
        }
        state.evaluators[i] = eval::MakePlanEvaluator(
            *plan, state.options, i, [&state](Match&& match) { state.Deliver(match); });
        if (plan->kind == plan::QueryKind::kSample) {
            continue;
        }
        if (plan->clock >= state.plans_by_clock.size()) {
            state.plans_by_clock.resize(plan->clock + 1);
        }
        state.plans_by_clock[plan->clock].push_back(i);
        state.plan_clock[i] = plan->clock;
    }

    // A clock with plans gets a buffer; sorted clocks hold everything until Finish.
    state.buffers.resize(state.plans_by_clock.size());
    state.disordered.assign(state.plans_by_clock.size(), false);
    for (uint32_t clock = 0; clock < state.plans_by_clock.size(); ++clock) {
        if (state.plans_by_clock[clock].empty()) {
            continue;
        }
        const std::vector<uint32_t>& sorted = state.options.sorted_clocks;
        bool sort = std::find(sorted.begin(), sorted.end(), clock) != sorted.end();
        uint64_t window = sort ? 0 : state.options.reorder_window;
        state.buffers[clock] = std::make_unique<eval::ReorderBuffer>(clock, window);
    }
}

Runner::~Runner() = default;

void Runner::Push(EventPtr event) {
    State& state = *state_;
    if (state.finished || event == nullptr) {
        return;
    }
    ++state.stats.events;

    // Events without a timestamp on a clock cannot be ordered there, so they reach only samples.
    bool lacks_timestamp = false;
    for (uint32_t clock = 0; clock < state.plans_by_clock.size(); ++clock) {
        bool timed = clock < event->ordinals.size() && event->ordinals[clock].has_timestamp;
        if (!state.plans_by_clock[clock].empty() && !timed) {
            lacks_timestamp = true;
        }
    }
    if (lacks_timestamp) {
        ++state.stats.events_without_timestamp;
    }

    if (event->routed) {
        state.CountRouted(event->passes);
        state.hits = event->passes;
    } else {
        state.router.Route(*event, state.hits, &state.stage_counts);
    }
    if (state.hits.empty()) {
        ++state.stats.events_passing_no_stage;
        return;
    }

    // Samples take the event now; the other plans take it through their clock's buffer.
    std::vector<eval::HeldEvent> per_clock(state.buffers.size());
    for (const eval::StageHits& plan_hits : state.hits) {
        int64_t clock = state.plan_clock[plan_hits.plan];
        if (clock < 0) {
            state.evaluators[plan_hits.plan]->Push(event, plan_hits);
            continue;
        }
        bool timed = static_cast<size_t>(clock) < event->ordinals.size() &&
                     event->ordinals[clock].has_timestamp;
        if (timed && state.buffers[clock] != nullptr) {
            per_clock[clock].hits.push_back(plan_hits);
        }
    }
    auto release = [&state](const eval::HeldEvent& held) { state.Release(held); };
    for (uint32_t clock = 0; clock < per_clock.size(); ++clock) {
        if (per_clock[clock].hits.empty()) {
            continue;
        }
        per_clock[clock].event = event;
        if (!state.buffers[clock]->Add(std::move(per_clock[clock]), release)) {
            state.Disorder(clock);
        }
    }
}

void Runner::Finish() {
    State& state = *state_;
    if (state.finished) {
        return;
    }
    state.finished = true;

    auto release = [&state](const eval::HeldEvent& held) { state.Release(held); };
    for (const std::unique_ptr<eval::ReorderBuffer>& buffer : state.buffers) {
        if (buffer != nullptr) {
            buffer->Drain(release);
        }
    }
    for (uint32_t i = 0; i < state.evaluators.size(); ++i) {
        if (state.evaluators[i] != nullptr && !state.muted[i]) {
            state.evaluators[i]->Finish();
        }
    }
}

RunStats Runner::Stats() const {
    RunStats stats = state_->stats;
    for (const std::unique_ptr<eval::ReorderBuffer>& buffer : state_->buffers) {
        if (buffer != nullptr) {
            stats.held_events_peak = std::max(stats.held_events_peak, buffer->peak());
        }
    }
    return stats;
}

std::vector<std::vector<uint64_t>> Runner::StageCounts() const { return state_->stage_counts; }

std::vector<uint32_t> Runner::DisorderedClocks() const {
    std::vector<uint32_t> clocks;
    for (uint32_t clock = 0; clock < state_->disordered.size(); ++clock) {
        if (state_->disordered[clock]) {
            clocks.push_back(clock);
        }
    }
    return clocks;
}

}  // namespace eql
