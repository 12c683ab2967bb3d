// The in-memory form of one input event, as the readers produce it and the evaluator sees it.
// An event keeps its original JSON text (for output) and the values of just those fields that
// the loaded plans read, found by slot number in an EventLayout.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/io/event_fields.hpp"

namespace eql {

// Which fields give an event its place in time, for one group of plans.
struct ClockSpec {
    std::string timestamp_field = "@timestamp";
    std::string fallback_timestamp_field;  // used when timestamp_field is missing; may be empty
    std::string tiebreaker_field;          // may be empty

    bool operator==(const ClockSpec&) const = default;
};

// An event's place in time under one ClockSpec.
struct Ordinal {
    bool has_timestamp = false;   // false: the event cannot take part in time-ordered queries
    int64_t timestamp_ns = 0;     // nanoseconds since the Unix epoch
    bool has_tiebreaker = false;
    Value tiebreaker;
};

// The field paths and clocks that the loaded plans need. Plans register what they read before
// any event is read; the readers then fill Event::fields and Event::ordinals in slot order.
class EventLayout {
public:
    // Returns the slot of `path`, adding it when new.
    uint32_t AddField(std::string_view path);
    // Returns the clock index of `spec`, adding it when new.
    uint32_t AddClock(const ClockSpec& spec);

    const std::vector<std::string>& fields() const { return fields_; }
    const std::vector<ClockSpec>& clocks() const { return clocks_; }

private:
    std::vector<std::string> fields_;
    std::unordered_map<std::string, uint32_t> slots_;
    std::vector<ClockSpec> clocks_;
};

// The stages of one plan that an event passed: bit i is Plan::stages[i], and bit
// `stages.size()` the until stage. Stages past bit 63 have no bit.
struct StagePasses {
    uint32_t plan = 0;  // index in the run's plan list
    uint64_t bits = 0;
};

struct Event {
    std::shared_ptr<const std::string> file;  // input name, printed as `_index`
    uint64_t line = 0;                        // 1-based line in that file
    uint64_t input_order = 0;                 // position across all inputs, the last tiebreak
    std::string source;                       // the original JSON object text

    EventFields fields;                       // by EventLayout slot; may end early (missing)
    std::vector<Ordinal> ordinals;            // by EventLayout clock

    // Set when the stages were tested already, on the thread that parsed the event (see
    // MakeStageFilters in eql/engine.hpp): `passes` lists the plans some stage passed.
    bool routed = false;
    std::vector<StagePasses> passes;
};

using EventPtr = std::shared_ptr<const Event>;

// Orders two events under one clock: timestamp, then tiebreaker (events with one before events
// without), then input order. Both events must have a timestamp under that clock.
bool OrdinalLess(const Event& a, const Event& b, uint32_t clock);

// Compares two values the way ordering and join keys need: numbers numerically (int64 with
// double), strings by UTF-8 bytes, false before true, null first. Kinds rank null < bool <
// number < string. Returns <0, 0 or >0.
int CompareValues(const Value& a, const Value& b);

}  // namespace eql
