// The `head N` and `tail N` pipes. Results arrive in result order. Head keeps the first N and
// tail the last N (still listed oldest first), and each pipe works on the previous one's output.
// Entry points: EffectivePipes folds the run's size in, and ResultLimiter applies the chain.
#include "engine/eval/pipes.hpp"

#include <algorithm>
#include <utility>

namespace eql::eval {

std::vector<plan::PipeNode> EffectivePipes(const std::vector<plan::PipeNode>& pipes,
                                           std::optional<uint64_t> size,
                                           plan::PipeKind default_kind) {
    if (!size) {
        return pipes;
    }
    if (pipes.empty()) {
        return {plan::PipeNode{default_kind, *size}};
    }
    std::vector<plan::PipeNode> chain = pipes;
    chain.front().count = std::min(chain.front().count, *size);
    return chain;
}

ResultLimiter::ResultLimiter(std::vector<plan::PipeNode> chain, MatchSink sink)
    : chain_(std::move(chain)), sink_(std::move(sink)) {
    for (const plan::PipeNode& pipe : chain_) {
        if (pipe.kind == plan::PipeKind::kTail) {
            streaming_ = false;
        } else if (!limited_ || pipe.count < stream_limit_) {
            stream_limit_ = pipe.count;
            limited_ = true;
        }
    }
}

void ResultLimiter::Add(Match&& match) {
    if (finished_ || Saturated()) {
        return;
    }
    if (streaming_) {
        ++forwarded_;
        sink_(std::move(match));
        return;
    }

    // Keep the first pipe's output: the first N for head, a window of the last N for tail.
    const plan::PipeNode& first = chain_.front();
    held_.push_back(std::move(match));
    if (first.kind == plan::PipeKind::kTail && held_.size() > first.count) {
        held_.pop_front();
    }
}

void ResultLimiter::Finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
    if (streaming_) {
        return;
    }

    // The first pipe has been applied while adding; apply the others in order.
    for (size_t i = 1; i < chain_.size(); ++i) {
        const plan::PipeNode& pipe = chain_[i];
        while (held_.size() > pipe.count) {
            if (pipe.kind == plan::PipeKind::kHead) {
                held_.pop_back();
            } else {
                held_.pop_front();
            }
        }
    }
    for (Match& match : held_) {
        sink_(std::move(match));
    }
    held_.clear();
}

bool ResultLimiter::Saturated() const {
    if (streaming_) {
        return limited_ && forwarded_ >= stream_limit_;
    }
    const plan::PipeNode& first = chain_.front();
    return first.kind == plan::PipeKind::kHead && held_.size() >= first.count;
}

}  // namespace eql::eval
