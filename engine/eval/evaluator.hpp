// The evaluator of one plan: a push state machine that takes events in the plan's order and
// hands matches to a sink in result order. Each construct has its own file and factory:
// event_query.cpp, sequence.cpp, sample.cpp; pipes.cpp limits what they produce.
#pragma once

#include <functional>
#include <memory>

#include "eql/engine.hpp"
#include "engine/eval/stage_router.hpp"
#include "engine/io/event.hpp"
#include "engine/plan/plan.hpp"

namespace eql::eval {

using MatchSink = std::function<void(Match&&)>;

class QueryEvaluator {
public:
    virtual ~QueryEvaluator() = default;

    // Takes the next event with the stages it passed. Event and sequence plans need events in
    // ordinal order on the plan's clock, each with a timestamp there. Sample plans take events
    // in any order, with or without a timestamp. An event that passed no stage of the plan
    // need not be pushed: it changes no result.
    virtual void Push(const EventPtr& event, const StageHits& hits) = 0;

    // Flushes what the end of the stream decides: deferred sequences, samples, tail pipes.
    virtual void Finish() = 0;
};

// Matches of an event query, one per passing event, in the order pushed.
std::unique_ptr<QueryEvaluator> MakeEventQueryEvaluator(const Plan& plan, MatchSink sink);

// Matches of a sequence, ordered by the event that completed each one.
std::unique_ptr<QueryEvaluator> MakeSequenceEvaluator(const Plan& plan, MatchSink sink);

// Samples, in ascending join-key tuple order, at most `max_samples_per_key` per tuple.
std::unique_ptr<QueryEvaluator> MakeSampleEvaluator(const Plan& plan,
                                                    uint64_t max_samples_per_key,
                                                    MatchSink sink);

// The evaluator for `plan` of any kind, followed by its pipes and the run's size limit. Every
// match it hands to `sink` carries `query_index`.
std::unique_ptr<QueryEvaluator> MakePlanEvaluator(const Plan& plan, const RunOptions& options,
                                                  uint32_t query_index, MatchSink sink);

}  // namespace eql::eval
