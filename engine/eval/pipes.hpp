// The head and tail pipes, and the run's `size` folded into them.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "engine/eval/evaluator.hpp"
#include "engine/plan/plan.hpp"

namespace eql::eval {

// Returns the chain a run applies. `size` limits results in the direction of the first pipe,
// so `| head 50` under size 10 keeps 10. With no pipe, `size` becomes `default_kind size`:
// tail for event queries and sequences, as Elasticsearch does, and head for samples. Without
// `size` the query's pipes apply unchanged.
std::vector<plan::PipeNode> EffectivePipes(const std::vector<plan::PipeNode>& pipes,
                                           std::optional<uint64_t> size,
                                           plan::PipeKind default_kind);

// A chain of pipes folded into one limit, as Elasticsearch folds it: `count` results in the
// direction of `kind`, after skipping `offset` results from that end.
struct ResultWindow {
    plan::PipeKind kind = plan::PipeKind::kHead;
    uint64_t count = 0;
    uint64_t offset = 0;
    bool limited = false;  // false: the chain is empty and every result passes
};

// Folds the pipes left to right. A later pipe in the same direction keeps the smaller count. A
// later pipe in the other direction with a smaller count moves the window inwards by the
// difference of the counts. One with an equal or larger count changes nothing. So
// `| head 4 | tail 2` skips 2 results and keeps the next 2, even when there are fewer than 4.
ResultWindow FoldPipes(const std::vector<plan::PipeNode>& chain);

// Applies a folded chain to a stream of results in result order. A head window forwards
// results as they come. A tail window keeps at most `count + offset` results and delivers the
// ones left after the offset, oldest first, at Finish.
class ResultLimiter {
public:
    ResultLimiter(const std::vector<plan::PipeNode>& chain, MatchSink sink);

    void Add(Match&& match);
    void Finish();

    // True when no later result can reach the sink, so the producer may stop.
    bool Saturated() const;

private:
    bool Streaming() const;

    ResultWindow window_;
    MatchSink sink_;
    uint64_t seen_ = 0;       // head window: results added so far
    std::deque<Match> held_;  // tail window: the last count + offset results so far
    bool finished_ = false;
};

}  // namespace eql::eval
