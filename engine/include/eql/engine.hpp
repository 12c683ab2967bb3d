// The public entry points of eqlite: compile EQL queries, then run them over events.
// The CLI and the conformance runner use only this header and the event readers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eql/diagnostic.hpp"
#include "engine/io/event.hpp"
#include "engine/io/event_reader.hpp"
#include "engine/io/line_prefilter.hpp"

namespace eql {

class Schema;  // field types from ECS or index mappings; see engine/check/schema.hpp
class Plan;    // a compiled query; see engine/plan/plan.hpp
namespace ast {
struct Query;  // a parsed query; see grammar/ast.hpp
}

struct CompileOptions {
    std::string event_category_field = "event.category";  // field the `category where` test reads
    std::string timestamp_field = "@timestamp";           // orders events and measures maxspan
    std::string fallback_timestamp_field;  // read when timestamp_field is missing; empty: none
    std::string tiebreaker_field;          // orders events with equal timestamps; empty: none
    const Schema* schema = nullptr;        // when set, field names and types are checked
    // When false, the plan leaves out each stage's condition printed as EQL, which only
    // Explain shows, for callers that want the diagnostics alone.
    bool keep_condition_text = true;
    // When false, stages get no required literals and no index term, which only speed up
    // replay (see StageNode), for callers that want the diagnostics alone.
    bool routing_hints = true;
};

struct CompileResult {
    std::shared_ptr<const Plan> plan;      // null when there are errors
    std::vector<Diagnostic> diagnostics;   // errors and warnings, in source order
    std::shared_ptr<const ast::Query> query;  // the parsed query, or null after a syntax error
};

// Parses, verifies and plans one query. Fields and clocks the plan reads are added to
// `layout`, which must then be the layout events are read with.
CompileResult Compile(std::string_view text, EventLayout& layout,
                      const CompileOptions& options = {});

// Prints the plan one node a line, for `eqlite explain` and tests.
std::string Explain(const Plan& plan);

// Returns a maker of event filters that test every stage of `plans` on the thread that parses
// an event: the filter records the stages passed in Event::passes and drops an event that
// passes none. Runner::Push then trusts those passes, so the plans must be the Runner's, in the
// same order. A kept event keeps only the fields that the Runner reads after that (join and
// sample keys) unless some plan has more than 63 stages. The plans must outlive the filters.
std::function<std::unique_ptr<EventFilter>()> MakeStageFilters(
    const std::vector<std::shared_ptr<const Plan>>& plans);

// True when the plan's state can grow with the input instead of with a time window: a
// sequence without maxspan keeps pending sequences until the end, and a sample keeps a group
// per join-key tuple.
bool HasUnboundedState(const Plan& plan);

// Adds what each stage of `plan` (until included) requires of an event's raw text to
// `prefilter`, so a reader can skip lines that no stage of any plan could pass.
void AddRequiredLiterals(const Plan& plan, LinePrefilter& prefilter);

struct Match {
    uint32_t query = 0;                  // index of the plan in the Runner's list
    std::vector<EventPtr> events;        // in stage order; null for a missing-stage placeholder
    std::vector<Value> join_keys;        // sequence and sample keys; empty for event queries
    bool has_join_keys = false;          // true for sequences and samples
};

struct RunOptions {
    std::optional<uint64_t> size;        // at most this many results per query; empty: all
    uint64_t max_samples_per_key = 1;    // samples emitted per join-key tuple
    // Events per clock held back to undo local disorder before they are evaluated. 0: every
    // event that passes some stage is held until Finish and sorted, so any order works and
    // memory grows with those events. Above 0, see Runner::DisorderedClocks.
    uint64_t reorder_window = 0;
    std::vector<uint32_t> sorted_clocks;  // clocks that hold and sort as with a window of 0
};

struct RunStats {
    uint64_t events = 0;                    // events pushed
    uint64_t events_without_timestamp = 0;  // events left out of some event or sequence plan,
                                            // because they have no timestamp on its clock
    uint64_t events_passing_no_stage = 0;   // events that no stage of any plan passed
    uint64_t held_events_peak = 0;          // the most events one clock held for ordering
};

// Runs several plans over one stream of events; each plan sees them in the order of its own
// clock. Matches reach `sink` per plan in result order, event queries and sequences as soon
// as the events that decide them have left the reorder window.
class Runner {
public:
    using MatchSink = std::function<void(const Match&)>;

    Runner(std::vector<std::shared_ptr<const Plan>> plans, const RunOptions& options,
           MatchSink sink);
    ~Runner();

    void Push(EventPtr event);
    // Runs what remains (pending sequences, samples, tail pipes) and delivers the last matches.
    void Finish();

    // Counts of the events pushed so far.
    RunStats Stats() const;
    // Per plan, the events that passed each stage: Plan::stages in order, then the until stage.
    // Events routed by MakeStageFilters count only in stages 0 to 63.
    std::vector<std::vector<uint64_t>> StageCounts() const;
    // The clocks (ascending) on which an event arrived ordered before one already evaluated,
    // because the disorder exceeded reorder_window. The plans of such a clock deliver nothing
    // from then on, and their results so far are incomplete: run again with the clock in
    // sorted_clocks.
    std::vector<uint32_t> DisorderedClocks() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eql
