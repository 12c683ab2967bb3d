// The plan of one compiled query, which the evaluator runs. Field paths are resolved to layout
// slots, conditions are compiled, `runs` is expanded and pipes are reduced to head/tail counts.
// BuildPlan turns a verified AST into a Plan, and Plan::Dump prints it one node a line.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eql/diagnostic.hpp"
#include "eql/engine.hpp"
#include "engine/expr/condition.hpp"
#include "engine/io/event.hpp"
#include "grammar/ast.hpp"

namespace eql::plan {

enum class QueryKind { kEvent, kSequence, kSample };

// A positive stage takes part in a match. A missing stage (written `![ ... ]`) must not.
enum class StageKind { kPositive, kMissing };

// One join key of a stage, read from an event by layout slot.
struct KeyNode {
    std::string path;
    uint32_t slot = 0;
    bool optional = false;  // written `?field`: a missing value is null, and null joins null
};

// One filter: an event query's, a sequence or sample stage's, or the until clause's.
struct StageNode {
    bool any = false;            // `any where`: no category test
    std::string category;        // the value the event category field must contain
    uint32_t category_slot = 0;  // slot of the event category field; unused when `any`
    std::shared_ptr<const expr::Condition> condition;  // null: every event passes
    std::string condition_text;  // the condition as canonical EQL, for Dump; see
                                 // CompileOptions::keep_condition_text
    expr::RequiredLiterals required_literals;  // strings a matching event's JSON text contains
    std::optional<expr::IndexTerm> index_term;  // a field value every matching event has
    std::vector<KeyNode> keys;   // sequence-level (or sample-level) keys, then the stage's own
    StageKind kind = StageKind::kPositive;
    uint32_t written_index = 0;  // position of the stage as written, before `runs` expansion
    uint32_t run = 0;            // 0-based copy number under `with runs=N`
    uint32_t runs = 1;           // N of `with runs=N`; 1 without it
};

enum class PipeKind { kHead, kTail };

struct PipeNode {
    PipeKind kind = PipeKind::kHead;
    uint64_t count = 0;
};

}  // namespace eql::plan

namespace eql {

// A compiled query, built by plan::BuildPlan and read by the evaluator. It does not change once
// built, so runners may share it.
class Plan {
public:
    plan::QueryKind kind = plan::QueryKind::kEvent;
    // kEvent: the one filter. kSequence: the stages in order, `runs` expanded into copies.
    // kSample: the filters in order.
    std::vector<plan::StageNode> stages;
    std::optional<plan::StageNode> until;  // kSequence only
    std::optional<int64_t> maxspan_ns;     // kSequence only; empty: no time limit
    uint32_t shared_key_count = 0;         // leading keys of every stage that come from `by`
                                           // after `sequence` or `sample`
    std::vector<plan::PipeNode> pipes;     // in query order
    uint32_t clock = 0;                    // index from EventLayout::AddClock
    ClockSpec clock_spec;
    std::vector<uint32_t> slots_read;      // every layout slot the plan reads, ascending
    std::vector<std::string> fields_read;  // the field path of each entry of slots_read

    // Prints the plan one node a line, indented by depth; `eqlite explain` shows this text.
    std::string Dump() const;
};

}  // namespace eql

namespace eql::plan {

struct PlanResult {
    std::shared_ptr<const Plan> plan;     // null when diagnostics hold an error
    std::vector<Diagnostic> diagnostics;  // from compiling conditions and from planning
};

// Plans a query that the parser and the verifier accepted. Registers every field it reads and
// its clock in `layout`. Reports what it cannot plan (a `join`, a missing stage in a sample, a
// pipe other than head/tail with a non-negative integer) as an error diagnostic. Conditions
// found in `bound` (see expr::ConditionOptions::bound) are compiled from their trees there.
PlanResult BuildPlan(const ast::Query& query, const CompileOptions& options, EventLayout& layout,
                     expr::BoundConditions* bound = nullptr);

// Formats a duration in nanoseconds in the largest EQL time unit that divides it exactly:
// 120000000000 gives "2m", 1500000000 gives "1500ms", 7 gives "7ns".
std::string FormatDuration(int64_t nanoseconds);

}  // namespace eql::plan
