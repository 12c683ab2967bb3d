// The planner: a verified AST becomes a Plan. It resolves field paths to layout slots,
// compiles each stage's condition once (copies made by `with runs=N` share it), puts the
// sequence-level keys in front of every stage's own, registers the clock and reduces pipes to
// head/tail counts. What the evaluator cannot run is reported, not planned.
// Entry point: BuildPlan.
#include <algorithm>
#include <string>
#include <utility>

#include "engine/check/schema.hpp"
#include "engine/plan/plan.hpp"

namespace eql::plan {

namespace {

constexpr int64_t kMaxRuns = 100;

Diagnostic MakeError(std::string code, ast::Span span, std::string message) {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.offset = span.begin;
    diagnostic.length = std::max<uint32_t>(1, span.end > span.begin ? span.end - span.begin : 1);
    diagnostic.message = std::move(message);
    return diagnostic;
}

// Collects the paths of every field an expression reads, without recursion.
std::vector<std::string> FieldPaths(const ast::Expr& root) {
    std::vector<std::string> paths;
    std::vector<const ast::Expr*> stack = {&root};
    while (!stack.empty()) {
        const ast::Expr* expr = stack.back();
        stack.pop_back();
        if (expr->kind == ast::ExprKind::kField) {
            paths.push_back(expr->field.path);
        }
        for (const ast::ExprPtr& child : expr->children) {
            if (child != nullptr) {
                stack.push_back(child.get());
            }
        }
    }
    return paths;
}

class PlanBuilder {
public:
    PlanBuilder(const CompileOptions& options, EventLayout& layout, expr::BoundConditions* bound)
        : options_(options), layout_(layout), bound_(bound), plan_(std::make_shared<Plan>()) {}

    PlanResult Build(const ast::Query& query) {
        plan_->clock_spec = ClockSpec{options_.timestamp_field, options_.fallback_timestamp_field,
                                      options_.tiebreaker_field};
        plan_->clock = layout_.AddClock(plan_->clock_spec);

        switch (query.kind) {
            case ast::QueryKind::kEvent:
                plan_->kind = QueryKind::kEvent;
                plan_->stages.push_back(BuildFilter(query.event, {}));
                break;
            case ast::QueryKind::kSequence:
                BuildSequence(query.sequence);
                break;
            case ast::QueryKind::kSample:
                BuildSample(query.sample, query.pipes);
                break;
            case ast::QueryKind::kJoin:
                Error("unsupported", query.span, "JOIN command is not supported");
                break;
        }
        BuildPipes(query.pipes);
        return Finish();
    }

private:
    void BuildSequence(const ast::Sequence& sequence) {
        plan_->kind = QueryKind::kSequence;
        plan_->maxspan_ns = sequence.maxspan_ns;
        std::vector<KeyNode> shared = BuildKeys(sequence.keys);
        plan_->shared_key_count = static_cast<uint32_t>(shared.size());

        for (uint32_t i = 0; i < sequence.stages.size(); ++i) {
            AddStageWithRuns(sequence.stages[i], i, shared);
        }
        bool has_positive = std::any_of(plan_->stages.begin(), plan_->stages.end(),
                                        [](const StageNode& stage) {
                                            return stage.kind == StageKind::kPositive;
                                        });
        if (!sequence.stages.empty() && !has_positive) {
            Error("unsupported", sequence.stages.front().span,
                  "a sequence requires at least one stage that is not a missing-event stage");
        }

        if (sequence.until) {
            if (sequence.until->missing) {
                Error("unsupported", sequence.until->span,
                      "a missing-event stage cannot be the until clause");
            }
            plan_->until = BuildStage(*sequence.until, shared);
            plan_->until->kind = StageKind::kPositive;
        }
    }

    void BuildSample(const ast::Sample& sample, const std::vector<ast::Pipe>& pipes) {
        plan_->kind = QueryKind::kSample;
        std::vector<KeyNode> shared = BuildKeys(sample.keys);
        plan_->shared_key_count = static_cast<uint32_t>(shared.size());

        for (uint32_t i = 0; i < sample.stages.size(); ++i) {
            const ast::Stage& stage = sample.stages[i];
            if (stage.missing) {
                Error("unsupported", stage.span,
                      "missing-event stages are not supported in samples");
            }
            if (stage.runs) {
                Error("unsupported", stage.runs_span, "[runs] is not supported in samples");
            }
            StageNode node = BuildStage(stage, shared);
            node.written_index = i;
            plan_->stages.push_back(std::move(node));
        }
        if (!pipes.empty()) {
            Error("unsupported", pipes.front().span, "pipes are not supported after a sample");
        }
    }

    // Appends the stage, or N copies of it under `with runs=N`.
    void AddStageWithRuns(const ast::Stage& stage, uint32_t index,
                          const std::vector<KeyNode>& shared) {
        int64_t runs = stage.runs.value_or(1);
        if (runs < 1 || runs > kMaxRuns) {
            Error("invalid-runs", stage.runs_span,
                  "the number of runs must be between 1 and 100, found [" +
                      std::to_string(runs) + "]");
            runs = 1;
        }
        StageNode node = BuildStage(stage, shared);
        node.written_index = index;
        node.runs = static_cast<uint32_t>(runs);
        for (uint32_t run = 0; run < node.runs; ++run) {
            node.run = run;
            plan_->stages.push_back(node);
        }
    }

    StageNode BuildStage(const ast::Stage& stage, const std::vector<KeyNode>& shared) {
        StageNode node = BuildFilter(stage.filter, shared);
        for (KeyNode& key : BuildKeys(stage.keys)) {
            node.keys.push_back(std::move(key));
        }
        node.kind = stage.missing ? StageKind::kMissing : StageKind::kPositive;
        return node;
    }

    StageNode BuildFilter(const ast::EventFilter& filter, std::vector<KeyNode> keys) {
        StageNode node;
        node.any = filter.any;
        node.category = filter.category;
        if (!filter.any) {
            node.category_slot = Read(options_.event_category_field);
        }
        node.keys = std::move(keys);
        if (filter.condition == nullptr) {
            node.condition_text = "true";
            return node;
        }

        if (options_.keep_condition_text) {
            node.condition_text = ast::Print(*filter.condition);
        }
        for (const std::string& path : FieldPaths(*filter.condition)) {
            Read(path);
        }
        expr::ConditionOptions condition_options;
        condition_options.schema = options_.schema;
        condition_options.bound = bound_;
        condition_options.routing_hints = options_.routing_hints;
        expr::CompiledCondition compiled =
            expr::CompileCondition(*filter.condition, layout_, condition_options);
        for (Diagnostic& diagnostic : compiled.diagnostics) {
            diagnostics_.push_back(std::move(diagnostic));
        }
        node.condition = std::move(compiled.condition);
        node.required_literals = std::move(compiled.required_literals);
        node.index_term = std::move(compiled.index_term);
        if (node.condition == nullptr && !HasError()) {
            Error("internal", filter.span, "the condition could not be compiled");
        }
        return node;
    }

    std::vector<KeyNode> BuildKeys(const std::vector<ast::FieldRef>& fields) {
        std::vector<KeyNode> keys;
        for (const ast::FieldRef& field : fields) {
            keys.push_back(KeyNode{field.path, Read(field.path), field.optional});
        }
        return keys;
    }

    void BuildPipes(const std::vector<ast::Pipe>& pipes) {
        if (plan_->kind == QueryKind::kSample) {
            return;
        }
        for (const ast::Pipe& pipe : pipes) {
            std::optional<PipeNode> node = BuildPipe(pipe);
            if (node) {
                plan_->pipes.push_back(*node);
            }
        }
    }

    std::optional<PipeNode> BuildPipe(const ast::Pipe& pipe) {
        if (pipe.name != "head" && pipe.name != "tail") {
            Error("unsupported", pipe.name_span, "pipe [" + pipe.name + "] is not supported");
            return std::nullopt;
        }
        if (pipe.arguments.size() != 1) {
            Error("invalid-pipe", pipe.span,
                  "pipe [" + pipe.name + "] expects exactly one argument but found [" +
                      std::to_string(pipe.arguments.size()) + "]");
            return std::nullopt;
        }
        // The parser folds the argument into `limit`; an unfolded integer literal also serves.
        const ast::Expr* argument = pipe.arguments.front().get();
        std::optional<int64_t> count = pipe.limit;
        if (!count && argument != nullptr && argument->kind == ast::ExprKind::kLiteral &&
            std::holds_alternative<int64_t>(argument->literal)) {
            count = std::get<int64_t>(argument->literal);
        }
        if (!count || *count < 0) {
            std::string found = argument != nullptr ? ast::Print(*argument) : "";
            Error("invalid-pipe", argument != nullptr ? argument->span : pipe.span,
                  "pipe [" + pipe.name + "] expects a positive integer but found [" + found + "]");
            return std::nullopt;
        }
        PipeKind kind = pipe.name == "head" ? PipeKind::kHead : PipeKind::kTail;
        return PipeNode{kind, static_cast<uint64_t>(*count)};
    }

    // Registers `written_path` in the layout and in the plan's read set; returns its slot. An
    // alias field of the schema is read at its target, as Elasticsearch resolves it.
    uint32_t Read(const std::string& written_path) {
        std::optional<std::string> target;
        if (options_.schema != nullptr) {
            target = options_.schema->ResolveAlias(written_path);
        }
        const std::string& path = target ? *target : written_path;
        uint32_t slot = layout_.AddField(path);
        auto position = std::lower_bound(plan_->slots_read.begin(), plan_->slots_read.end(), slot);
        if (position == plan_->slots_read.end() || *position != slot) {
            size_t index = position - plan_->slots_read.begin();
            plan_->slots_read.insert(position, slot);
            plan_->fields_read.insert(plan_->fields_read.begin() + index, path);
        }
        return slot;
    }

    void Error(std::string code, ast::Span span, std::string message) {
        diagnostics_.push_back(MakeError(std::move(code), span, std::move(message)));
    }

    bool HasError() const {
        return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                           [](const Diagnostic& d) { return d.severity == Severity::kError; });
    }

    PlanResult Finish() {
        PlanResult result;
        if (!HasError()) {
            result.plan = std::move(plan_);
        }
        result.diagnostics = std::move(diagnostics_);
        return result;
    }

    const CompileOptions& options_;
    EventLayout& layout_;
    expr::BoundConditions* bound_;
    std::shared_ptr<Plan> plan_;
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace

PlanResult BuildPlan(const ast::Query& query, const CompileOptions& options, EventLayout& layout,
                     expr::BoundConditions* bound) {
    return PlanBuilder(options, layout, bound).Build(query);
}

}  // namespace eql::plan
