// Sequences, as a push state machine over events in ordinal order. For each positive stage but
// the last, a hash map keeps at most one pending sequence per join-key tuple. A newer sequence
// overwrites the older, taking one consumes it, and maxspan expires it. Each event visits the
// positive stages from last to first, so it can extend one sequence and start another but never
// advance the same sequence twice. Completed candidates then pass the missing-stage checks.
// Those with trailing missing stages wait until a trailing match or the end of their window
// decides, and results leave in the order of the events that completed them.
// Entry point: MakeSequenceEvaluator.
#include <algorithm>
#include <deque>
#include <limits>
#include <memory>
#include <unordered_map>
#include <utility>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/join_key.hpp"
#include "engine/eval/missing_stage.hpp"

namespace eql::eval {

namespace {

// A sequence that has matched the positive stages up to some stage.
struct PendingSequence {
    std::vector<EventPtr> events;  // one per positive stage matched so far
    int64_t first_ns = 0;
    int64_t last_ns = 0;
    std::optional<int64_t> last_leading_ns;  // latest leading missing-stage match before first
    bool vetoed = false;  // a missing stage between two positive events had a match
};

// A sequence that matched every positive stage, waiting for its missing-stage verdict.
struct Candidate {
    enum class State { kWaiting, kKept, kDropped };

    KeyTuple key;
    std::vector<EventPtr> events;  // one per stage, null for missing stages
    int64_t first_ns = 0;
    int64_t last_ns = 0;
    std::optional<int64_t> last_leading_ns;
    std::optional<int64_t> deadline_ns;  // kWaiting: kept once the stream passes this time
    State state = State::kKept;
};

using CandidatePtr = std::shared_ptr<Candidate>;
using PendingMap = std::unordered_map<KeyTuple, PendingSequence, KeyTupleHash, KeyTupleEqual>;

int64_t SaturatingAdd(int64_t a, int64_t b) {
    if (b > 0 && a > std::numeric_limits<int64_t>::max() - b) {
        return std::numeric_limits<int64_t>::max();
    }
    return a + b;
}

int64_t SaturatingSubtract(int64_t a, int64_t b) {
    if (b > 0 && a < std::numeric_limits<int64_t>::min() + b) {
        return std::numeric_limits<int64_t>::min();
    }
    return a - b;
}

class SequenceEvaluator final : public QueryEvaluator {
public:
    SequenceEvaluator(const Plan& plan, MatchSink sink)
        : plan_(plan), sink_(std::move(sink)), roles_(ClassifyStages(plan.stages)) {
        // Elasticsearch treats a maxspan of zero as no limit.
        if (plan.maxspan_ns && *plan.maxspan_ns > 0) {
            maxspan_ns_ = plan.maxspan_ns;
        }
        size_t pending_count = roles_.positive.empty() ? 0 : roles_.positive.size() - 1;
        pending_.resize(pending_count);
        pending_sweep_at_.assign(pending_count, 64);
        histories_.resize(plan.stages.size());
    }

    void Push(const EventPtr& event, const StageHits& hits) override {
        if (roles_.positive.empty() || plan_.clock >= event->ordinals.size() ||
            !event->ordinals[plan_.clock].has_timestamp) {
            return;
        }
        int64_t now_ns = event->ordinals[plan_.clock].timestamp_ns;

        ReleaseCandidates(now_ns);
        ExpireState(now_ns);
        AdvancePositiveStages(event, hits, now_ns);
        RecordMissingStages(*event, hits, now_ns);
        ApplyUntil(*event, hits);
        ReleaseCandidates(now_ns);
    }

    void Finish() override {
        // The stream has ended, so no trailing match can come any more.
        for (const CandidatePtr& candidate : candidates_) {
            if (candidate->state == Candidate::State::kWaiting) {
                candidate->state = Candidate::State::kKept;
            }
        }
        ReleaseCandidates(std::numeric_limits<int64_t>::min());
        pending_.clear();
        awaiting_trailing_.clear();
    }

private:
    // Offers `event` to each positive stage, from the last to the first.
    void AdvancePositiveStages(const EventPtr& event, const StageHits& hits, int64_t now_ns) {
        std::vector<CandidatePtr> completed;
        for (size_t j = roles_.positive.size(); j-- > 0;) {
            if (j > 0 && pending_[j - 1].empty()) {
                continue;
            }
            const plan::StageNode& stage = plan_.stages[roles_.positive[j]];
            if (!PassedStage(hits, roles_.positive[j], stage, *event)) {
                continue;
            }
            ExtractKeyTuples(stage.keys, *event, tuples_);
            for (KeyTuple& key : tuples_) {
                AdvanceStage(j, std::move(key), event, now_ns, completed);
            }
        }

        // Sequences completed by the same event leave in join-key order.
        std::sort(completed.begin(), completed.end(),
                  [](const CandidatePtr& a, const CandidatePtr& b) {
                      return KeyTupleLess(a->key, b->key);
                  });
        for (CandidatePtr& candidate : completed) {
            Enqueue(std::move(candidate));
        }
    }

    // Starts or extends the sequence with `key` at positive stage `j`.
    void AdvanceStage(size_t j, KeyTuple key, const EventPtr& event, int64_t now_ns,
                      std::vector<CandidatePtr>& completed) {
        PendingSequence sequence;
        if (j == 0) {
            sequence.first_ns = now_ns;
            sequence.last_leading_ns = LatestLeadingMatch(key, now_ns);
        } else {
            // Taking the pending sequence consumes it, even when maxspan then rejects it.
            auto found = pending_[j - 1].find(key);
            if (found == pending_[j - 1].end()) {
                return;
            }
            sequence = std::move(found->second);
            pending_[j - 1].erase(found);
            if (ExceedsMaxspan(sequence.first_ns, now_ns, maxspan_ns_)) {
                return;
            }
            if (GapHasMatch(j - 1, key, sequence.last_ns, now_ns)) {
                sequence.vetoed = true;
            }
        }
        sequence.events.push_back(event);
        sequence.last_ns = now_ns;

        if (j + 1 == roles_.positive.size()) {
            if (!sequence.vetoed) {
                completed.push_back(MakeCandidate(std::move(key), std::move(sequence)));
            }
            return;
        }
        pending_[j].insert_or_assign(std::move(key), std::move(sequence));
    }

    std::optional<int64_t> LatestLeadingMatch(const KeyTuple& key, int64_t now_ns) const {
        std::optional<int64_t> latest;
        for (uint32_t stage : roles_.leading) {
            std::optional<int64_t> seen = histories_[stage].LatestBefore(key, now_ns);
            if (seen && (!latest || *seen > *latest)) {
                latest = seen;
            }
        }
        return latest;
    }

    // True when a missing stage between positive stages `gap` and `gap + 1` matched an event
    // with `key` strictly between the two positive events' timestamps.
    bool GapHasMatch(size_t gap, const KeyTuple& key, int64_t after_ns, int64_t before_ns) const {
        for (uint32_t stage : roles_.gaps[gap]) {
            std::optional<int64_t> seen = histories_[stage].LatestBefore(key, before_ns);
            if (seen && *seen > after_ns) {
                return true;
            }
        }
        return false;
    }

    CandidatePtr MakeCandidate(KeyTuple key, PendingSequence sequence) {
        auto candidate = std::make_shared<Candidate>();
        candidate->key = std::move(key);
        candidate->first_ns = sequence.first_ns;
        candidate->last_ns = sequence.last_ns;
        candidate->last_leading_ns = sequence.last_leading_ns;

        // Lay the positive events out among the stages, with placeholders for missing ones.
        size_t next_positive = 0;
        for (const plan::StageNode& stage : plan_.stages) {
            if (stage.kind == plan::StageKind::kPositive) {
                candidate->events.push_back(std::move(sequence.events[next_positive++]));
            } else {
                candidate->events.push_back(nullptr);
            }
        }
        DecideOuterStages(*candidate);
        return candidate;
    }

    // Decides what can be decided at completion; trailing missing stages wait for later events.
    void DecideOuterStages(Candidate& candidate) const {
        OuterFindings findings = Findings(candidate, std::nullopt);
        bool leading_without_match = findings.has_leading && !findings.last_leading_ns;
        if (!findings.has_trailing || leading_without_match) {
            bool keep = KeepAfterOuterStages(findings, candidate.first_ns, candidate.last_ns,
                                             maxspan_ns_);
            candidate.state = keep ? Candidate::State::kKept : Candidate::State::kDropped;
            return;
        }

        // A trailing match can only drop the candidate within maxspan of the point the rule
        // measures from: the leading match when there are leading stages, else the first event.
        candidate.state = Candidate::State::kWaiting;
        if (maxspan_ns_) {
            int64_t anchor_ns = findings.has_leading ? *findings.last_leading_ns
                                                     : candidate.first_ns;
            candidate.deadline_ns = SaturatingAdd(anchor_ns, *maxspan_ns_);
        }
    }

    OuterFindings Findings(const Candidate& candidate,
                           std::optional<int64_t> first_trailing_ns) const {
        OuterFindings findings;
        findings.has_leading = !roles_.leading.empty();
        findings.has_trailing = !roles_.trailing.empty();
        findings.last_leading_ns = candidate.last_leading_ns;
        findings.first_trailing_ns = first_trailing_ns;
        return findings;
    }

    void Enqueue(CandidatePtr candidate) {
        if (candidate->state == Candidate::State::kDropped) {
            return;
        }
        if (candidate->state == Candidate::State::kWaiting) {
            awaiting_trailing_[candidate->key].push_back(candidate);
        }
        candidates_.push_back(std::move(candidate));
    }

    // Records matches of leading and gap missing stages, and lets trailing matches decide the
    // candidates that wait for them.
    void RecordMissingStages(const Event& event, const StageHits& hits, int64_t now_ns) {
        for (uint32_t stage : roles_.leading) {
            RecordHistory(stage, event, hits, now_ns);
        }
        for (const std::vector<uint32_t>& gap : roles_.gaps) {
            for (uint32_t stage : gap) {
                RecordHistory(stage, event, hits, now_ns);
            }
        }
        if (awaiting_trailing_.empty()) {
            return;
        }
        for (uint32_t stage : roles_.trailing) {
            const plan::StageNode& node = plan_.stages[stage];
            if (!PassedStage(hits, stage, node, event)) {
                continue;
            }
            ExtractKeyTuples(node.keys, event, tuples_);
            for (const KeyTuple& key : tuples_) {
                ResolveTrailing(key, now_ns);
            }
        }
    }

    void RecordHistory(uint32_t stage, const Event& event, const StageHits& hits,
                       int64_t now_ns) {
        const plan::StageNode& node = plan_.stages[stage];
        if (!PassedStage(hits, stage, node, event)) {
            return;
        }
        ExtractKeyTuples(node.keys, event, tuples_);
        for (const KeyTuple& key : tuples_) {
            histories_[stage].Record(key, now_ns);
        }
    }

    // A trailing match at `now_ns` is the first one after every waiting candidate of `key` that
    // completed at an earlier timestamp.
    void ResolveTrailing(const KeyTuple& key, int64_t now_ns) {
        auto found = awaiting_trailing_.find(key);
        if (found == awaiting_trailing_.end()) {
            return;
        }
        std::deque<CandidatePtr>& waiting = found->second;
        while (!waiting.empty() && waiting.front()->last_ns < now_ns) {
            Candidate& candidate = *waiting.front();
            bool keep = KeepAfterOuterStages(Findings(candidate, now_ns), candidate.first_ns,
                                             candidate.last_ns, maxspan_ns_);
            candidate.state = keep ? Candidate::State::kKept : Candidate::State::kDropped;
            waiting.pop_front();
        }
        if (waiting.empty()) {
            awaiting_trailing_.erase(found);
        }
    }

    // Cancels every pending sequence whose key an until event carries.
    void ApplyUntil(const Event& event, const StageHits& hits) {
        if (!plan_.until || AllPendingEmpty() ||
            !PassedStage(hits, UntilStageIndex(plan_), *plan_.until, event)) {
            return;
        }
        ExtractKeyTuples(plan_.until->keys, event, tuples_);
        for (const KeyTuple& key : tuples_) {
            for (PendingMap& pending : pending_) {
                pending.erase(key);
            }
        }
    }

    bool AllPendingEmpty() const {
        return std::all_of(pending_.begin(), pending_.end(),
                           [](const PendingMap& pending) { return pending.empty(); });
    }

    // Hands decided candidates to the sink in completion order. A waiting candidate whose
    // deadline the stream has passed is kept: no trailing match within maxspan came.
    void ReleaseCandidates(int64_t now_ns) {
        while (!candidates_.empty()) {
            CandidatePtr& front = candidates_.front();
            if (front->state == Candidate::State::kWaiting) {
                if (!front->deadline_ns || now_ns <= *front->deadline_ns) {
                    return;
                }
                front->state = Candidate::State::kKept;
                ForgetWaiting(*front);
            }
            if (front->state == Candidate::State::kKept) {
                Match match;
                match.events = std::move(front->events);
                match.join_keys = std::move(front->key);
                match.has_join_keys = true;
                sink_(std::move(match));
            }
            candidates_.pop_front();
        }
    }

    // Removes a candidate that the deadline decided from its key's waiting list. It is the
    // oldest waiting candidate overall, so it heads that list.
    void ForgetWaiting(const Candidate& candidate) {
        auto found = awaiting_trailing_.find(candidate.key);
        if (found == awaiting_trailing_.end()) {
            return;
        }
        std::deque<CandidatePtr>& waiting = found->second;
        if (!waiting.empty() && waiting.front().get() == &candidate) {
            waiting.pop_front();
        }
        if (waiting.empty()) {
            awaiting_trailing_.erase(found);
        }
    }

    // Drops state that maxspan makes useless, so memory follows the window, not the stream.
    void ExpireState(int64_t now_ns) {
        if (!maxspan_ns_) {
            return;
        }
        int64_t cutoff_ns = SaturatingSubtract(now_ns, *maxspan_ns_);
        for (size_t j = 0; j < pending_.size(); ++j) {
            PendingMap& pending = pending_[j];
            if (pending.size() < pending_sweep_at_[j]) {
                continue;
            }
            for (auto it = pending.begin(); it != pending.end();) {
                it = it->second.first_ns < cutoff_ns ? pending.erase(it) : std::next(it);
            }
            pending_sweep_at_[j] = std::max<size_t>(64, 2 * pending.size());
        }
        for (MissingStageHistory& history : histories_) {
            history.MaybeExpire(cutoff_ns);
        }
    }

    const Plan& plan_;
    MatchSink sink_;
    StageRoles roles_;
    std::optional<int64_t> maxspan_ns_;
    std::vector<PendingMap> pending_;  // pending_[j]: sequences that matched positive stage j
    std::vector<size_t> pending_sweep_at_;
    std::vector<MissingStageHistory> histories_;  // by stage index; leading and gap stages
    std::deque<CandidatePtr> candidates_;         // kept or waiting, in completion order
    std::unordered_map<KeyTuple, std::deque<CandidatePtr>, KeyTupleHash, KeyTupleEqual>
        awaiting_trailing_;
    std::vector<KeyTuple> tuples_;  // scratch for ExtractKeyTuples
};

}  // namespace

std::unique_ptr<QueryEvaluator> MakeSequenceEvaluator(const Plan& plan, MatchSink sink) {
    return std::make_unique<SequenceEvaluator>(plan, std::move(sink));
}

}  // namespace eql::eval
