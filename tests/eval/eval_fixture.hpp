// Hand-built plans and events for the evaluator tests. Conditions are lambdas over the event,
// so these tests need neither the grammar nor the condition compiler. Every event carries an
// integer `id`, and results are compared as lists of ids, with -1 for a missing-stage
// placeholder.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eql/engine.hpp"
#include "engine/expr/condition.hpp"
#include "engine/io/event.hpp"
#include "engine/plan/plan.hpp"

namespace eval_test {

using eql::EventPtr;
using eql::FieldValues;
using eql::Value;

using IdList = std::vector<int64_t>;

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kSecond = 1'000 * kMs;
constexpr int64_t kMinute = 60 * kSecond;

class LambdaCondition final : public eql::expr::Condition {
public:
    explicit LambdaCondition(std::function<bool(const eql::Event&)> test)
        : test_(std::move(test)) {}
    bool Test(const eql::Event& event) const override { return test_(event); }

private:
    std::function<bool(const eql::Event&)> test_;
};

// A field assignment of a test event: a path and its values (empty: missing).
struct Field {
    std::string path;
    FieldValues values;
};

// Builds events and stages over one layout with clock 0 on @timestamp.
class World {
public:
    World() { layout.AddClock(eql::ClockSpec{}); }

    uint32_t Slot(const std::string& path) { return layout.AddField(path); }

    // An event at `timestamp_ns` with an `id`, a category and the given fields. Events get
    // their input order in the order they are made.
    EventPtr Make(int64_t id, int64_t timestamp_ns, const std::string& category,
                  std::vector<Field> fields = {}, std::optional<Value> tiebreaker = {}) {
        auto event = std::make_shared<eql::Event>();
        event->input_order = next_input_order_++;
        fields.push_back({"id", {Value(id)}});
        if (!category.empty()) {
            fields.push_back({"event.category", {Value(category)}});
        }
        std::vector<eql::FieldValues> by_slot;
        for (Field& field : fields) {
            uint32_t slot = Slot(field.path);
            if (by_slot.size() <= slot) {
                by_slot.resize(slot + 1);
            }
            by_slot[slot] = std::move(field.values);
        }
        event->fields = eql::EventFields(std::move(by_slot));
        eql::Ordinal ordinal;
        ordinal.has_timestamp = true;
        ordinal.timestamp_ns = timestamp_ns;
        if (tiebreaker) {
            ordinal.has_tiebreaker = true;
            ordinal.tiebreaker = *tiebreaker;
        }
        event->ordinals.push_back(ordinal);
        return event;
    }

    // An event that has no timestamp on clock 0.
    EventPtr MakeUntimed(int64_t id, const std::string& category, std::vector<Field> fields = {}) {
        EventPtr timed = Make(id, 0, category, std::move(fields));
        auto event = std::make_shared<eql::Event>(*timed);
        event->ordinals[0].has_timestamp = false;
        return event;
    }

    // True when some value of `path` in the event is the string `text`.
    std::function<bool(const eql::Event&)> Has(const std::string& path, const std::string& text) {
        uint32_t slot = Slot(path);
        return [slot, text](const eql::Event& event) {
            if (slot >= event.fields.size()) {
                return false;
            }
            for (const Value& value : event.fields[slot]) {
                if (std::holds_alternative<std::string>(value) &&
                    std::get<std::string>(value) == text) {
                    return true;
                }
            }
            return false;
        };
    }

    // A stage `category where test by keys`. A key written "?k" is optional.
    eql::plan::StageNode Stage(const std::string& category,
                               std::function<bool(const eql::Event&)> test = {},
                               const std::vector<std::string>& keys = {}) {
        eql::plan::StageNode stage;
        stage.any = category == "any";
        stage.category = stage.any ? "" : category;
        stage.category_slot = Slot("event.category");
        if (test) {
            stage.condition = std::make_shared<LambdaCondition>(std::move(test));
            stage.condition_text = "test";
        } else {
            stage.condition_text = "true";
        }
        for (const std::string& key : keys) {
            bool optional = !key.empty() && key.front() == '?';
            std::string path = optional ? key.substr(1) : key;
            stage.keys.push_back(eql::plan::KeyNode{path, Slot(path), optional});
        }
        return stage;
    }

    eql::plan::StageNode Missing(eql::plan::StageNode stage) {
        stage.kind = eql::plan::StageKind::kMissing;
        return stage;
    }

    eql::EventLayout layout;

private:
    uint64_t next_input_order_ = 0;
};

inline std::shared_ptr<eql::Plan> EventPlan(eql::plan::StageNode stage,
                                            std::vector<eql::plan::PipeNode> pipes = {}) {
    auto plan = std::make_shared<eql::Plan>();
    plan->kind = eql::plan::QueryKind::kEvent;
    plan->stages.push_back(std::move(stage));
    plan->pipes = std::move(pipes);
    return plan;
}

inline std::shared_ptr<eql::Plan> SequencePlan(std::vector<eql::plan::StageNode> stages,
                                               std::optional<int64_t> maxspan_ns = {},
                                               std::optional<eql::plan::StageNode> until = {},
                                               std::vector<eql::plan::PipeNode> pipes = {}) {
    auto plan = std::make_shared<eql::Plan>();
    plan->kind = eql::plan::QueryKind::kSequence;
    plan->stages = std::move(stages);
    plan->maxspan_ns = maxspan_ns;
    plan->until = std::move(until);
    plan->pipes = std::move(pipes);
    return plan;
}

inline std::shared_ptr<eql::Plan> SamplePlan(std::vector<eql::plan::StageNode> stages) {
    auto plan = std::make_shared<eql::Plan>();
    plan->kind = eql::plan::QueryKind::kSample;
    plan->stages = std::move(stages);
    return plan;
}

inline eql::plan::PipeNode Head(uint64_t count) {
    return {eql::plan::PipeKind::kHead, count};
}

inline eql::plan::PipeNode Tail(uint64_t count) {
    return {eql::plan::PipeKind::kTail, count};
}

// Runs plans through eql::Runner and returns every match in the order the sink saw them.
inline std::vector<eql::Match> RunPlans(const std::vector<std::shared_ptr<eql::Plan>>& plans,
                                        const std::vector<EventPtr>& events,
                                        const eql::RunOptions& options = {}) {
    std::vector<eql::Match> matches;
    std::vector<std::shared_ptr<const eql::Plan>> shared(plans.begin(), plans.end());
    eql::Runner runner(shared, options, [&matches](const eql::Match& match) {
        matches.push_back(match);
    });
    for (const EventPtr& event : events) {
        runner.Push(event);
    }
    runner.Finish();
    return matches;
}

inline int64_t IdOf(const EventPtr& event, uint32_t id_slot) {
    if (event == nullptr) {
        return -1;
    }
    return std::get<int64_t>(event->fields[id_slot].front());
}

// The ids of every match's events, flattened, with -1 for a missing-stage placeholder.
inline std::vector<int64_t> MatchIds(World& world, const std::vector<eql::Match>& matches) {
    uint32_t id_slot = world.Slot("id");
    std::vector<int64_t> ids;
    for (const eql::Match& match : matches) {
        for (const EventPtr& event : match.events) {
            ids.push_back(IdOf(event, id_slot));
        }
    }
    return ids;
}

inline std::vector<int64_t> RunIds(World& world, const std::shared_ptr<eql::Plan>& plan,
                                   const std::vector<EventPtr>& events,
                                   const eql::RunOptions& options = {}) {
    return MatchIds(world, RunPlans({plan}, events, options));
}

// Every match's join keys, flattened, each value as text ("null" for null).
inline std::vector<std::string> JoinKeys(const std::vector<eql::Match>& matches) {
    std::vector<std::string> keys;
    for (const eql::Match& match : matches) {
        for (const Value& value : match.join_keys) {
            if (std::holds_alternative<std::string>(value)) {
                keys.push_back(std::get<std::string>(value));
            } else if (std::holds_alternative<int64_t>(value)) {
                keys.push_back(std::to_string(std::get<int64_t>(value)));
            } else if (std::holds_alternative<bool>(value)) {
                keys.push_back(std::get<bool>(value) ? "true" : "false");
            } else if (std::holds_alternative<double>(value)) {
                keys.push_back(std::to_string(std::get<double>(value)));
            } else {
                keys.push_back("null");
            }
        }
    }
    return keys;
}

inline FieldValues Strings(std::initializer_list<const char*> texts) {
    FieldValues values;
    for (const char* text : texts) {
        values.emplace_back(std::string(text));
    }
    return values;
}

inline FieldValues Str(const char* text) { return {Value(std::string(text))}; }

inline FieldValues Int(int64_t number) { return {Value(number)}; }

}  // namespace eval_test
