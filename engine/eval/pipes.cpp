// The `head N` and `tail N` pipes. Results arrive in result order. A chain of pipes is folded
// into one window the way Elasticsearch folds it, and the window then picks the results that
// are delivered, still oldest first. Entry points: EffectivePipes folds the run's size in,
// FoldPipes builds the window, and ResultLimiter applies it.
#include "engine/eval/pipes.hpp"

#include <algorithm>
#include <cstddef>
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

ResultWindow FoldPipes(const std::vector<plan::PipeNode>& chain) {
    ResultWindow window;
    if (chain.empty()) {
        return window;
    }
    window.kind = chain.front().kind;
    window.count = chain.front().count;
    window.limited = true;

    // The first pipe sets the direction; the others narrow the window inside it.
    for (size_t i = 1; i < chain.size(); ++i) {
        const plan::PipeNode& pipe = chain[i];
        if (pipe.kind == window.kind) {
            window.count = std::min(window.count, pipe.count);
        } else if (pipe.count < window.count) {
            window.offset += window.count - pipe.count;
            window.count = pipe.count;
        }
    }
    return window;
}

ResultLimiter::ResultLimiter(const std::vector<plan::PipeNode>& chain, MatchSink sink)
    : window_(FoldPipes(chain)), sink_(std::move(sink)) {}

bool ResultLimiter::Streaming() const {
    return !window_.limited || window_.kind == plan::PipeKind::kHead;
}

void ResultLimiter::Add(Match&& match) {
    if (finished_ || Saturated()) {
        return;
    }

    // A head window skips the first `offset` results and forwards the next `count`.
    if (Streaming()) {
        ++seen_;
        if (!window_.limited || seen_ > window_.offset) {
            sink_(std::move(match));
        }
        return;
    }

    // A tail window keeps the last count + offset results seen so far.
    held_.push_back(std::move(match));
    if (held_.size() > window_.count + window_.offset) {
        held_.pop_front();
    }
}

void ResultLimiter::Finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
    if (Streaming()) {
        return;
    }

    // Skip `offset` results from the newest end, then deliver what is left, oldest first.
    uint64_t skipped = std::min<uint64_t>(window_.offset, held_.size());
    held_.erase(held_.end() - static_cast<std::ptrdiff_t>(skipped), held_.end());
    for (Match& match : held_) {
        sink_(std::move(match));
    }
    held_.clear();
}

bool ResultLimiter::Saturated() const {
    if (!window_.limited || window_.kind == plan::PipeKind::kTail) {
        return false;
    }
    return seen_ >= window_.offset + window_.count;
}

}  // namespace eql::eval
