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

// Applies a head/tail chain to a stream of results. Each pipe takes the previous one's output.
// A chain of heads only (or an empty chain) forwards results as they come. A chain with a tail
// buffers at most the first pipe's count and delivers at Finish.
class ResultLimiter {
public:
    ResultLimiter(std::vector<plan::PipeNode> chain, MatchSink sink);

    void Add(Match&& match);
    void Finish();

    // True when no later result can reach the sink, so the producer may stop.
    bool Saturated() const;

private:
    std::vector<plan::PipeNode> chain_;
    MatchSink sink_;
    bool streaming_ = true;         // true: a chain of heads, forwarded at once
    uint64_t stream_limit_ = 0;     // for streaming: the smallest head count
    bool limited_ = false;          // for streaming: whether any head applies
    uint64_t forwarded_ = 0;
    std::deque<Match> held_;        // otherwise: the first pipe's output so far
    bool finished_ = false;
};

}  // namespace eql::eval
