// Samples: `sample by k [f1] [f2] ...`. Time does not matter, and events may be pushed in any
// order. Events are grouped by join-key tuple per filter, keeping the first filters x
// max_samples_per_key events per filter and tuple in input order. At the end, the tuples that every filter has are visited in
// ascending order, and for each a backtracking search picks one distinct event per filter,
// the first filter varying slowest, until max_samples_per_key samples are found.
// Entry point: MakeSampleEvaluator.
#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/join_key.hpp"

namespace eql::eval {

namespace {

class SampleEvaluator final : public QueryEvaluator {
public:
    SampleEvaluator(const Plan& plan, uint64_t max_samples_per_key, MatchSink sink)
        : plan_(plan),
          sink_(std::move(sink)),
          samples_per_key_(std::max<uint64_t>(1, max_samples_per_key)) {
        uint64_t filters = std::max<uint64_t>(1, plan.stages.size());
        bool overflows = samples_per_key_ > std::numeric_limits<uint64_t>::max() / filters;
        events_per_filter_ = overflows ? std::numeric_limits<uint64_t>::max()
                                       : filters * samples_per_key_;
    }

    void Push(const EventPtr& event, const StageHits& hits) override {
        for (uint32_t filter = 0; filter < plan_.stages.size(); ++filter) {
            const plan::StageNode& stage = plan_.stages[filter];
            if (!PassedStage(hits, filter, stage, *event)) {
                continue;
            }
            ExtractKeyTuples(stage.keys, *event, tuples_);
            for (KeyTuple& key : tuples_) {
                std::vector<std::vector<EventPtr>>& group = groups_[std::move(key)];
                group.resize(plan_.stages.size());
                Keep(group[filter], event);
            }
        }
    }

    void Finish() override {
        std::vector<const KeyTuple*> keys;
        for (const auto& [key, group] : groups_) {
            bool complete = std::all_of(group.begin(), group.end(),
                                        [](const auto& events) { return !events.empty(); });
            if (complete) {
                keys.push_back(&key);
            }
        }
        std::sort(keys.begin(), keys.end(),
                  [](const KeyTuple* a, const KeyTuple* b) { return KeyTupleLess(*a, *b); });

        for (const KeyTuple* key : keys) {
            EmitSamples(*key, groups_[*key]);
        }
        groups_.clear();
    }

private:
    // Inserts `event` by input order, keeping the first events_per_filter_. Events pushed in
    // input order append at the end.
    void Keep(std::vector<EventPtr>& kept, const EventPtr& event) const {
        auto earlier = [](const EventPtr& a, const EventPtr& b) {
            return a->input_order < b->input_order;
        };
        auto upper = std::upper_bound(kept.begin(), kept.end(), event, earlier);
        size_t position = static_cast<size_t>(upper - kept.begin());
        if (kept.size() >= events_per_filter_) {
            if (position == kept.size()) {
                return;
            }
            kept.pop_back();
        }
        kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(position), event);
    }

    // Enumerates choices of one event per filter, no event twice, in lexicographic order of
    // positions with the first filter varying slowest. Iterative, so the depth is no concern.
    void EmitSamples(const KeyTuple& key, const std::vector<std::vector<EventPtr>>& group) {
        size_t filters = group.size();
        if (filters == 0) {
            return;
        }
        std::vector<size_t> position(filters, 0);
        std::vector<const Event*> chosen(filters, nullptr);
        uint64_t emitted = 0;
        size_t depth = 0;

        while (emitted < samples_per_key_) {
            if (position[depth] == group[depth].size()) {
                // This filter has no candidate left: go back one filter and try its next event.
                if (depth == 0) {
                    return;
                }
                position[depth] = 0;
                --depth;
                ++position[depth];
                continue;
            }
            const Event* event = group[depth][position[depth]].get();
            bool used = std::find(chosen.begin(), chosen.begin() + depth, event) !=
                        chosen.begin() + depth;
            if (used) {
                ++position[depth];
                continue;
            }
            chosen[depth] = event;
            if (depth + 1 < filters) {
                ++depth;
                continue;
            }
            Emit(key, group, position);
            ++emitted;
            ++position[depth];
        }
    }

    void Emit(const KeyTuple& key, const std::vector<std::vector<EventPtr>>& group,
              const std::vector<size_t>& position) {
        Match match;
        for (size_t filter = 0; filter < group.size(); ++filter) {
            match.events.push_back(group[filter][position[filter]]);
        }
        match.join_keys = key;
        match.has_join_keys = true;
        sink_(std::move(match));
    }

    const Plan& plan_;
    MatchSink sink_;
    uint64_t samples_per_key_ = 1;
    uint64_t events_per_filter_ = 1;
    // Per join-key tuple, per filter: the first matching events in input order.
    std::unordered_map<KeyTuple, std::vector<std::vector<EventPtr>>, KeyTupleHash, KeyTupleEqual>
        groups_;
    std::vector<KeyTuple> tuples_;  // scratch for ExtractKeyTuples
};

}  // namespace

std::unique_ptr<QueryEvaluator> MakeSampleEvaluator(const Plan& plan,
                                                    uint64_t max_samples_per_key,
                                                    MatchSink sink) {
    return std::make_unique<SampleEvaluator>(plan, max_samples_per_key, std::move(sink));
}

}  // namespace eql::eval
