// ReorderBuffer: a bounded heap that turns local disorder into ordinal order. With a window of
// W events, an event is put in place whenever at most W of the events that arrived before it
// order after it. Otherwise an event ordered after it may have been released already, and Add
// rejects it.
#include "engine/eval/reorder_buffer.hpp"

#include <algorithm>
#include <utility>

namespace eql::eval {

ReorderBuffer::ReorderBuffer(uint32_t clock, uint64_t window) : clock_(clock), window_(window) {}

bool ReorderBuffer::Later(const HeldEvent& a, const HeldEvent& b) const {
    if (a.timestamp_ns != b.timestamp_ns) {
        return a.timestamp_ns > b.timestamp_ns;
    }
    return OrdinalLess(*b.event, *a.event, clock_);
}

bool ReorderBuffer::Add(HeldEvent held, const Release& release) {
    if (last_released_ != nullptr && OrdinalLess(*held.event, *last_released_, clock_)) {
        return false;
    }
    held.timestamp_ns = held.event->ordinals[clock_].timestamp_ns;
    held_.push_back(std::move(held));
    peak_ = std::max<uint64_t>(peak_, held_.size());
    if (window_ == 0) {
        return true;
    }

    auto later = [this](const HeldEvent& a, const HeldEvent& b) { return Later(a, b); };
    std::push_heap(held_.begin(), held_.end(), later);
    while (held_.size() > window_) {
        ReleaseOldest(release);
    }
    return true;
}

void ReorderBuffer::ReleaseOldest(const Release& release) {
    auto later = [this](const HeldEvent& a, const HeldEvent& b) { return Later(a, b); };
    std::pop_heap(held_.begin(), held_.end(), later);
    HeldEvent oldest = std::move(held_.back());
    held_.pop_back();
    last_released_ = oldest.event;
    release(oldest);
}

void ReorderBuffer::Drain(const Release& release) {
    if (window_ == 0) {
        std::sort(held_.begin(), held_.end(), [this](const HeldEvent& a, const HeldEvent& b) {
            return Later(b, a);
        });
        for (const HeldEvent& held : held_) {
            release(held);
        }
        if (!held_.empty()) {
            last_released_ = held_.back().event;
        }
        held_.clear();
        return;
    }
    while (!held_.empty()) {
        ReleaseOldest(release);
    }
}

}  // namespace eql::eval
