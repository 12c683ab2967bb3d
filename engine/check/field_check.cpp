// CheckFields: walks a query's conditions, join keys and pipe arguments, reports fields no
// schema defines (with a "did you mean" note), fields whose type EQL cannot use, and sequence
// keys whose types differ between stages. Operator and function rules are in
// field_check_types.cpp. The walk keeps its own stack, so deep nesting cannot overflow.
#include <algorithm>
#include <utility>

#include "engine/check/field_check.hpp"
#include "engine/check/field_check_internal.hpp"

namespace eql {
namespace detail {
namespace {

uint32_t SpanLength(ast::Span span) {
    return span.end > span.begin ? span.end - span.begin : 1;
}

// True when `parent` compares its operand with null: `x == null` and `x != null` only test
// presence, so they are fine on any field, a container included.
bool IsNullTest(const ast::Expr* parent) {
    if (parent == nullptr || parent->kind != ast::ExprKind::kCompare ||
        parent->children.size() != 2) {
        return false;
    }
    for (const ast::ExprPtr& child : parent->children) {
        if (child && LiteralKindOf(*child) == LiteralKind::kNull) {
            return true;
        }
    }
    return false;
}

// Returns the first schema path below `path`, to show what a container holds.
std::string FirstSubField(std::string_view path, const std::vector<std::string>& candidates) {
    std::string prefix = std::string(path) + ".";
    auto found = std::lower_bound(candidates.begin(), candidates.end(), prefix);
    if (found != candidates.end() && found->compare(0, prefix.size(), prefix) == 0) {
        return *found;
    }
    return {};
}

void ReportUnknownField(const ast::FieldRef& field, FieldCheckContext& context) {
    std::optional<std::string> suggestion = context.Suggest(field.path);
    std::string note = suggestion ? "did you mean '" + *suggestion + "'?" : std::string();
    context.Report(Severity::kWarning, "unknown-field", field.span,
                   "unknown field '" + field.path + "'", std::move(note));
}

// Reports a known field whose type makes it unusable as a value.
void CheckUsableType(const ast::FieldRef& field, FieldType type, FieldCheckContext& context) {
    const std::string quoted = "'" + field.path + "'";
    if (type == FieldType::kObject) {
        std::string sub_field = FirstSubField(field.path, context.CandidatePaths());
        std::string note = sub_field.empty() ? "name one of its sub-fields"
                                             : "name one of its sub-fields, such as '" +
                                                   sub_field + "'";
        context.Report(Severity::kError, "object-field", field.span,
                       "field " + quoted + " is an object, not a value", std::move(note));
    } else if (type == FieldType::kUnsupported) {
        context.Report(Severity::kError, "unsupported-field-type", field.span,
                       "field " + quoted + " has a type that EQL cannot use",
                       "EQL reads keyword, text with a keyword sub-field, numeric, boolean, "
                       "date, ip and version fields");
    } else if (type == FieldType::kText) {
        context.Report(Severity::kError, "text-field", field.span,
                       "field " + quoted + " is text without a keyword sub-field",
                       "EQL matches exact values only; it needs a keyword field or sub-field");
    }
}

void CheckFieldReference(const ast::FieldRef& field, const ast::Expr* parent,
                         FieldCheckContext& context) {
    std::optional<FieldType> type = context.TypeOf(field);
    if (!type) {
        // A `?field` that the mapping lacks reads as null, which is what its author asked for.
        if (!field.optional) {
            ReportUnknownField(field, context);
        }
        return;
    }
    if (IsNullTest(parent)) {
        return;
    }
    if (std::optional<std::string> container = context.NestedContainer(field)) {
        context.Report(Severity::kError, "nested-field", field.span,
                       "field '" + field.path + "' is inside the nested field '" + *container +
                           "', which EQL cannot search");
        return;
    }
    CheckUsableType(field, *type, context);
}

// Visits every node below `root`: field references, then the type rules of each operator.
void CheckExpression(const ast::Expr& root, FieldCheckContext& context) {
    struct Pending {
        const ast::Expr* node;
        const ast::Expr* parent;
    };
    std::vector<Pending> stack{{&root, nullptr}};
    while (!stack.empty()) {
        Pending item = stack.back();
        stack.pop_back();
        const ast::Expr& node = *item.node;
        if (node.kind == ast::ExprKind::kField) {
            CheckFieldReference(node.field, item.parent, context);
            continue;
        }

        CheckOperandTypes(node, context);
        for (auto child = node.children.rbegin(); child != node.children.rend(); ++child) {
            if (*child) {
                stack.push_back({child->get(), &node});
            }
        }
    }
}

void CheckCondition(const ast::ExprPtr& condition, FieldCheckContext& context) {
    if (condition) {
        CheckExpression(*condition, context);
    }
}

void CheckKeys(const std::vector<ast::FieldRef>& keys, FieldCheckContext& context) {
    for (const ast::FieldRef& key : keys) {
        CheckFieldReference(key, nullptr, context);
    }
}

void CheckStage(const ast::Stage& stage, FieldCheckContext& context) {
    CheckCondition(stage.filter.condition, context);
    CheckKeys(stage.keys, context);
}

bool KeyTypesCompatible(FieldType first, FieldType second) {
    return first == second || (IsStringType(first) && IsStringType(second)) ||
           (IsNumericType(first) && IsNumericType(second));
}

// Compares each stage's own keys with the first stage's keys at the same position, as
// Elasticsearch's verifier does. Sequence-level keys are the same field in every stage.
void CheckKeyAgainstFirstStage(const ast::Stage& first, const ast::Stage& stage,
                               FieldCheckContext& context) {
    std::size_t count = std::min(first.keys.size(), stage.keys.size());
    for (std::size_t i = 0; i < count; ++i) {
        std::optional<FieldType> expected = context.TypeOf(first.keys[i]);
        std::optional<FieldType> actual = context.TypeOf(stage.keys[i]);
        // Containers and unsupported keys are reported on their own already.
        if (!expected || !actual || KeyTypesCompatible(*expected, *actual) ||
            *expected == FieldType::kObject || *expected == FieldType::kUnsupported ||
            *actual == FieldType::kObject || *actual == FieldType::kUnsupported) {
            continue;
        }
        context.Report(Severity::kError, "join-key-type", stage.keys[i].span,
                       "sequence key '" + stage.keys[i].path + "' has type " +
                           std::string(FieldTypeName(*actual)) + ", but key '" +
                           first.keys[i].path + "' of the first stage has type " +
                           std::string(FieldTypeName(*expected)));
    }
}

void CheckSequence(const ast::Sequence& sequence, FieldCheckContext& context) {
    CheckKeys(sequence.keys, context);
    for (const ast::Stage& stage : sequence.stages) {
        CheckStage(stage, context);
    }
    if (sequence.until) {
        CheckStage(*sequence.until, context);
    }
    if (sequence.stages.empty()) {
        return;
    }

    for (std::size_t i = 1; i < sequence.stages.size(); ++i) {
        CheckKeyAgainstFirstStage(sequence.stages.front(), sequence.stages[i], context);
    }
    if (sequence.until) {
        CheckKeyAgainstFirstStage(sequence.stages.front(), *sequence.until, context);
    }
}

}  // namespace

std::optional<FieldType> FieldCheckContext::TypeOf(const ast::Expr& expr) const {
    if (expr.kind != ast::ExprKind::kField) {
        return std::nullopt;
    }
    return TypeOf(expr.field);
}

std::optional<FieldType> FieldCheckContext::TypeOf(const ast::FieldRef& field) const {
    std::optional<FieldType> type = schema_.Lookup(field.path);
    if (type && NestedContainer(field)) {
        return FieldType::kUnsupported;
    }
    return type;
}

std::optional<std::string> FieldCheckContext::NestedContainer(const ast::FieldRef& field) const {
    return schema_.NestedContainer(field.path);
}

void FieldCheckContext::Report(Severity severity, std::string code, ast::Span span,
                               std::string message, std::string note) {
    Diagnostic diagnostic;
    diagnostic.severity = severity;
    diagnostic.code = std::move(code);
    diagnostic.offset = span.begin;
    diagnostic.length = SpanLength(span);
    diagnostic.message = std::move(message);
    diagnostic.note = std::move(note);
    diagnostics_.push_back(std::move(diagnostic));
}

const std::vector<std::string>& FieldCheckContext::CandidatePaths() {
    if (!path_index_read_) {
        path_index_ = schema_.PathIndex();
        path_index_read_ = true;
    }
    if (path_index_ != nullptr) {
        return path_index_->paths();
    }
    if (!candidate_paths_) {
        candidate_paths_ = schema_.FieldPaths();
        // A SchemaView already returns its paths sorted; sorting them again costs as much.
        if (!std::is_sorted(candidate_paths_->begin(), candidate_paths_->end())) {
            std::sort(candidate_paths_->begin(), candidate_paths_->end());
        }
    }
    return *candidate_paths_;
}

std::optional<std::string> FieldCheckContext::Suggest(std::string_view path) {
    const std::vector<std::string>& candidates = CandidatePaths();
    std::optional<std::string> suggestion;
    if (path_index_ != nullptr && path_index_->FindSuggestion(path, &suggestion)) {
        return suggestion;
    }
    suggestion = SuggestField(path, candidates);
    if (path_index_ != nullptr) {
        path_index_->StoreSuggestion(path, suggestion);
    }
    return suggestion;
}

std::vector<Diagnostic> FieldCheckContext::TakeDiagnostics() {
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.offset < b.offset; });
    return std::move(diagnostics_);
}

}  // namespace detail

std::vector<Diagnostic> CheckFields(const ast::Query& query, const Schema& schema,
                                    const FieldCheckOptions& options) {
    detail::FieldCheckContext context(schema, options);
    switch (query.kind) {
        case ast::QueryKind::kEvent:
            detail::CheckCondition(query.event.condition, context);
            break;
        case ast::QueryKind::kSequence:
            detail::CheckSequence(query.sequence, context);
            break;
        case ast::QueryKind::kSample:
        case ast::QueryKind::kJoin:
            // Elasticsearch compares key types across stages for sequences only.
            detail::CheckKeys(query.sample.keys, context);
            for (const ast::Stage& stage : query.sample.stages) {
                detail::CheckStage(stage, context);
            }
            if (query.sample.until) {
                detail::CheckStage(*query.sample.until, context);
            }
            break;
    }
    for (const ast::Pipe& pipe : query.pipes) {
        for (const ast::ExprPtr& argument : pipe.arguments) {
            if (argument) {
                detail::CheckExpression(*argument, context);
            }
        }
    }
    return context.TakeDiagnostics();
}

}  // namespace eql
