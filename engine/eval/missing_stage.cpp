// Missing-event stages. Elasticsearch first builds candidates from the positive stages alone,
// then looks for events matching the missing stages with the candidate's join keys: a match
// strictly between two positive events (by timestamp) drops the candidate, and the outer stages
// follow KeepAfterOuterStages. The sequence matcher runs these checks as events stream by, so
// this file keeps per key only the timestamps the checks need.
#include "engine/eval/missing_stage.hpp"

#include <algorithm>

namespace eql::eval {

StageRoles ClassifyStages(const std::vector<plan::StageNode>& stages) {
    StageRoles roles;
    for (uint32_t i = 0; i < stages.size(); ++i) {
        if (stages[i].kind == plan::StageKind::kPositive) {
            roles.positive.push_back(i);
            roles.gaps.emplace_back();
        } else if (roles.positive.empty()) {
            roles.leading.push_back(i);
        } else {
            roles.gaps.back().push_back(i);
        }
    }

    // Missing stages after the last positive stage are trailing, not a gap.
    if (!roles.gaps.empty()) {
        roles.trailing = std::move(roles.gaps.back());
        roles.gaps.pop_back();
    }
    return roles;
}

bool ExceedsMaxspan(int64_t from_ns, int64_t to_ns, std::optional<int64_t> maxspan_ns) {
    if (!maxspan_ns || to_ns <= from_ns) {
        return false;
    }
    // The difference of two int64 values always fits in uint64 when it is positive.
    uint64_t span = static_cast<uint64_t>(to_ns) - static_cast<uint64_t>(from_ns);
    return span > static_cast<uint64_t>(*maxspan_ns);
}

void MissingStageHistory::Record(const KeyTuple& key, int64_t timestamp_ns) {
    auto [it, inserted] = entries_.try_emplace(key);
    Entry& entry = it->second;
    if (inserted) {
        entry.latest_ns = timestamp_ns;
        return;
    }
    if (timestamp_ns > entry.latest_ns) {
        entry.previous_ns = entry.latest_ns;
        entry.latest_ns = timestamp_ns;
    }
}

std::optional<int64_t> MissingStageHistory::LatestBefore(const KeyTuple& key,
                                                         int64_t timestamp_ns) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        return std::nullopt;
    }
    const Entry& entry = it->second;
    if (entry.latest_ns < timestamp_ns) {
        return entry.latest_ns;
    }
    if (entry.previous_ns && *entry.previous_ns < timestamp_ns) {
        return entry.previous_ns;
    }
    return std::nullopt;
}

void MissingStageHistory::MaybeExpire(int64_t cutoff_ns) {
    if (entries_.size() < sweep_at_) {
        return;
    }
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->second.latest_ns < cutoff_ns) {
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
    sweep_at_ = std::max<size_t>(64, 2 * entries_.size());
}

bool KeepAfterOuterStages(const OuterFindings& findings, int64_t first_ns, int64_t last_ns,
                          std::optional<int64_t> maxspan_ns) {
    const auto& leading = findings.last_leading_ns;
    const auto& trailing = findings.first_trailing_ns;

    // A side with missing stages but no match there cannot drop the candidate.
    if (!leading && !trailing) {
        return true;
    }
    if ((findings.has_leading && !leading) || (findings.has_trailing && !trailing)) {
        return true;
    }

    // Every side with missing stages has a match: the candidate stays only when the span those
    // matches would give the sequence is more than maxspan.
    if (findings.has_leading && findings.has_trailing) {
        return ExceedsMaxspan(*leading, *trailing, maxspan_ns);
    }
    if (findings.has_leading) {
        return ExceedsMaxspan(*leading, last_ns, maxspan_ns);
    }
    return ExceedsMaxspan(first_ns, *trailing, maxspan_ns);
}

}  // namespace eql::eval
