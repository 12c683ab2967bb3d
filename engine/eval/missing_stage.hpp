// Missing-event stages `![ ... ]` of a sequence: where each one sits among the positive
// stages, the per-key record of when matching events were seen, and the rule that decides
// whether the outer (leading and trailing) missing stages drop a candidate sequence.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "engine/eval/join_key.hpp"
#include "engine/plan/plan.hpp"

namespace eql::eval {

// The stages of a sequence by role. Indices point into Plan::stages.
struct StageRoles {
    std::vector<uint32_t> positive;
    std::vector<uint32_t> leading;            // missing stages before the first positive stage
    std::vector<uint32_t> trailing;           // missing stages after the last positive stage
    std::vector<std::vector<uint32_t>> gaps;  // gaps[j]: missing stages between positive j and j+1
};

StageRoles ClassifyStages(const std::vector<plan::StageNode>& stages);

// True when `to - from` is more than `maxspan_ns`. No maxspan never exceeds.
bool ExceedsMaxspan(int64_t from_ns, int64_t to_ns, std::optional<int64_t> maxspan_ns);

// When events matching one missing stage were last seen, per join-key tuple. Events must be
// recorded in timestamp order, and queries must not ask about times before the last record.
class MissingStageHistory {
public:
    void Record(const KeyTuple& key, int64_t timestamp_ns);

    // Returns the latest recorded timestamp strictly before `timestamp_ns`, or nothing.
    std::optional<int64_t> LatestBefore(const KeyTuple& key, int64_t timestamp_ns) const;

    // Forgets keys whose latest record is before `cutoff_ns`. A sweep runs only once the table
    // has doubled since the last one, so its cost spread over the records is constant.
    void MaybeExpire(int64_t cutoff_ns);

    size_t size() const { return entries_.size(); }

private:
    // The two latest distinct timestamps. A strictly-before query made at the timestamp of the
    // latest record must skip that record, so it returns the second one.
    struct Entry {
        int64_t latest_ns = 0;
        std::optional<int64_t> previous_ns;
    };

    std::unordered_map<KeyTuple, Entry, KeyTupleHash, KeyTupleEqual> entries_;
    size_t sweep_at_ = 64;
};

// The matches that the outer missing stages found for one candidate sequence.
struct OuterFindings {
    bool has_leading = false;               // the sequence has missing stages before the first
    bool has_trailing = false;              // ... or after the last positive stage
    std::optional<int64_t> last_leading_ns;   // latest leading match before the first event
    std::optional<int64_t> first_trailing_ns; // earliest trailing match after the last event
};

// Decides whether a candidate survives its outer missing stages. With leading stages only, the
// latest leading match drops it when it lies within maxspan of the last event. With trailing
// stages only, the earliest trailing match drops it when it lies within maxspan of the first
// event. With both, it is dropped only when both sides have a match within maxspan of each other.
bool KeepAfterOuterStages(const OuterFindings& findings, int64_t first_ns, int64_t last_ns,
                          std::optional<int64_t> maxspan_ns);

}  // namespace eql::eval
