// Event queries: `category where condition`. Every event that passes the filter is a match,
// in the order the events arrive. Entry point: MakeEventQueryEvaluator.
#include <utility>

#include "engine/eval/evaluator.hpp"

namespace eql::eval {

namespace {

class EventQueryEvaluator final : public QueryEvaluator {
public:
    EventQueryEvaluator(const Plan& plan, MatchSink sink) : plan_(plan), sink_(std::move(sink)) {}

    void Push(const EventPtr& event, const StageHits& hits) override {
        if (plan_.stages.empty() || !PassedStage(hits, 0, plan_.stages.front(), *event)) {
            return;
        }
        Match match;
        match.events.push_back(event);
        sink_(std::move(match));
    }

    void Finish() override {}

private:
    const Plan& plan_;
    MatchSink sink_;
};

}  // namespace

std::unique_ptr<QueryEvaluator> MakeEventQueryEvaluator(const Plan& plan, MatchSink sink) {
    return std::make_unique<EventQueryEvaluator>(plan, std::move(sink));
}

}  // namespace eql::eval
