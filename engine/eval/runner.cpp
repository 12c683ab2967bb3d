// The driver behind eql::Runner. Events may arrive in any order, so the runner buffers them:
// per clock the events that have a timestamp there, and all events for sample plans. Finish
// sorts each buffer (OrdinalLess per clock, input order for samples), feeds every plan its
// events in one pass per buffer, then flushes the plans in list order.
// Entry points: MakePlanEvaluator and the Runner members.
#include <algorithm>
#include <utility>

#include "eql/engine.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/eval/pipes.hpp"
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

    void Push(const EventPtr& event) override {
        if (!limiter_.Saturated()) {
            inner_->Push(event);
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

struct Runner::State {
    std::vector<std::shared_ptr<const Plan>> plans;
    RunOptions options;
    MatchSink sink;

    std::vector<std::vector<uint32_t>> plans_by_clock;  // event and sequence plans per clock
    std::vector<uint32_t> sample_plans;
    std::vector<std::vector<EventPtr>> timed_events;     // per clock, those with a timestamp
    std::vector<EventPtr> all_events;                    // for sample plans
    RunStats stats;
    bool finished = false;
};

Runner::Runner(std::vector<std::shared_ptr<const Plan>> plans, const RunOptions& options,
               MatchSink sink)
    : state_(std::make_unique<State>()) {
    state_->plans = std::move(plans);
    state_->options = options;
    state_->sink = std::move(sink);

    for (uint32_t i = 0; i < state_->plans.size(); ++i) {
        const Plan* plan = state_->plans[i].get();
        if (plan == nullptr) {
            continue;
        }
        if (plan->kind == plan::QueryKind::kSample) {
            state_->sample_plans.push_back(i);
            continue;
        }
        if (plan->clock >= state_->plans_by_clock.size()) {
            state_->plans_by_clock.resize(plan->clock + 1);
        }
        state_->plans_by_clock[plan->clock].push_back(i);
    }
    state_->timed_events.resize(state_->plans_by_clock.size());
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
        if (state.plans_by_clock[clock].empty()) {
            continue;
        }
        if (clock < event->ordinals.size() && event->ordinals[clock].has_timestamp) {
            state.timed_events[clock].push_back(event);
        } else {
            lacks_timestamp = true;
        }
    }
    if (lacks_timestamp) {
        ++state.stats.events_without_timestamp;
    }
    if (!state.sample_plans.empty()) {
        state.all_events.push_back(std::move(event));
    }
}

void Runner::Finish() {
    State& state = *state_;
    if (state.finished) {
        return;
    }
    state.finished = true;

    std::vector<std::unique_ptr<eval::QueryEvaluator>> evaluators(state.plans.size());
    for (uint32_t i = 0; i < state.plans.size(); ++i) {
        if (state.plans[i] != nullptr) {
            evaluators[i] = eval::MakePlanEvaluator(*state.plans[i], state.options, i,
                                                    [&state](Match&& match) { state.sink(match); });
        }
    }

    // One pass per clock over its events in ordinal order, feeding every plan of that clock.
    for (uint32_t clock = 0; clock < state.plans_by_clock.size(); ++clock) {
        std::vector<EventPtr>& events = state.timed_events[clock];
        std::sort(events.begin(), events.end(), [clock](const EventPtr& a, const EventPtr& b) {
            return OrdinalLess(*a, *b, clock);
        });
        for (const EventPtr& event : events) {
            for (uint32_t plan_index : state.plans_by_clock[clock]) {
                evaluators[plan_index]->Push(event);
            }
        }
        events.clear();
    }

    // Samples read events in input order.
    std::stable_sort(state.all_events.begin(), state.all_events.end(),
                     [](const EventPtr& a, const EventPtr& b) {
                         return a->input_order < b->input_order;
                     });
    for (const EventPtr& event : state.all_events) {
        for (uint32_t plan_index : state.sample_plans) {
            evaluators[plan_index]->Push(event);
        }
    }
    state.all_events.clear();

    for (const auto& evaluator : evaluators) {
        if (evaluator != nullptr) {
            evaluator->Finish();
        }
    }
}

RunStats Runner::Stats() const { return state_->stats; }

}  // namespace eql
