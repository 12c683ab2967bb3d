// The events one clock holds back so that its plans see them in ordinal order although they
// arrive a little out of order: a binary heap of at most `window` events. Entry point Add.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/eval/stage_router.hpp"
#include "engine/io/event.hpp"

namespace eql::eval {

// An event waiting for its turn, with the stages it passed in the plans of the buffer's clock.
struct HeldEvent {
    EventPtr event;
    std::vector<StageHits> hits;
    // The event's timestamp under the buffer's clock, set by ReorderBuffer::Add. The heap
    // compares it without following `event`, and compares the events only on equal values.
    int64_t timestamp_ns = 0;
};

class ReorderBuffer {
public:
    using Release = std::function<void(const HeldEvent&)>;

    // A window of 0 holds every event until Drain, which then sorts them: any arrival order
    // works, and memory grows with the events held.
    ReorderBuffer(uint32_t clock, uint64_t window);

    // Holds `held`, releasing the oldest event while more than `window` are held. Returns
    // false, and holds nothing, when `held` orders before an event already released: the
    // window was too small for the disorder of the input.
    bool Add(HeldEvent held, const Release& release);

    // Releases every event held, in order.
    void Drain(const Release& release);

    // The most events held at once.
    uint64_t peak() const { return peak_; }

private:
    bool Later(const HeldEvent& a, const HeldEvent& b) const;
    void ReleaseOldest(const Release& release);

    uint32_t clock_;
    uint64_t window_;
    std::vector<HeldEvent> held_;  // a heap with the oldest event on top, unless window_ is 0
    EventPtr last_released_;
    uint64_t peak_ = 0;
};

}  // namespace eql::eval
