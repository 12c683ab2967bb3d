// Binding: AST expressions to BoundExpr trees. Field paths go through the schema's aliases and
// types, optional fields the schema lacks become null, and calls are resolved in the function
// registry with Elasticsearch's arity and `~` checks. Entry point: BindExpr.
#include <fmt/format.h>

#include "engine/expr/bound_expr.hpp"

namespace eql::expr {

namespace {

Diagnostic MakeDiagnostic(std::string code, ast::Span span, std::string message) {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.offset = span.begin;
    diagnostic.length = std::max<uint32_t>(1, span.end > span.begin ? span.end - span.begin : 1);
    diagnostic.message = std::move(message);
    return diagnostic;
}

// The span of a call's name, where Elasticsearch points function errors.
ast::Span NameSpan(const ast::Expr& call) {
    return {call.span.begin, call.span.begin + uint32_t(call.name.size())};
}

std::string UnknownFunctionMessage(const std::string& name) {
    std::string message = "Unknown function [" + name + "]";
    std::vector<std::string> similar = SimilarFunctionNames(name);
    if (similar.size() == 1) {
        message += ", did you mean [" + similar[0] + "]?";
    } else if (similar.size() > 1) {
        message += ", did you mean any of [" + fmt::format("{}", fmt::join(similar, ", ")) + "]?";
    }
    return message;
}

Value LiteralValue(const ast::Literal& literal) {
    switch (literal.index()) {
        case 1: return std::get<bool>(literal);
        case 2: return std::get<int64_t>(literal);
        case 3: return std::get<double>(literal);
        case 4: return std::get<std::string>(literal);
        default: return std::monostate{};
    }
}

class Binder {
public:
    Binder(const BindOptions& options, std::vector<Diagnostic>& diagnostics)
        : options_(options), diagnostics_(diagnostics) {}

    BoundPtr Bind(const ast::Expr& expr, int depth) {
        if (depth > kMaxExpressionDepth) {
            if (!too_deep_reported_) {
                diagnostics_.push_back(MakeDiagnostic(
                    "expression-too-deep", expr.span,
                    fmt::format("expression nested deeper than {} levels", kMaxExpressionDepth)));
                too_deep_reported_ = true;
            }
            auto node = std::make_unique<BoundExpr>();
            node->span = expr.span;
            node->source = &expr;
            node->type = ExprType::kNull;
            node->has_error = true;
            return node;
        }

        auto node = std::make_unique<BoundExpr>();
        node->span = expr.span;
        node->source = &expr;
        switch (expr.kind) {
            case ast::ExprKind::kLiteral:
                node->kind = BoundKind::kConstant;
                node->constant = LiteralValue(expr.literal);
                node->type = LiteralType(expr.literal);
                return node;
            case ast::ExprKind::kField: BindField(expr, *node); return node;
            case ast::ExprKind::kCall: BindCall(expr, *node, depth); return node;
            default: break;
        }

        BindChildren(expr, *node, depth);
        switch (expr.kind) {
            case ast::ExprKind::kNegate:
                node->kind = BoundKind::kNegate;
                node->type = node->children.empty() ? ExprType::kUnknown
                                                    : NumericPromotion(node->children[0]->type,
                                                                       ExprType::kInteger);
                break;
            case ast::ExprKind::kArithmetic:
                node->kind = BoundKind::kArithmetic;
                node->arithmetic_op = expr.arithmetic_op;
                node->type = node->children.size() == 2
                                 ? NumericPromotion(node->children[0]->type, node->children[1]->type)
                                 : ExprType::kUnknown;
                break;
            case ast::ExprKind::kCompare:
                node->kind = BoundKind::kCompare;
                node->compare_op = expr.compare_op;
                node->type = ExprType::kBoolean;
                break;
            case ast::ExprKind::kPredicate:
                node->kind = expr.predicate_op == ast::PredicateOp::kIn ? BoundKind::kIn
                                                                        : BoundKind::kMatch;
                node->predicate_op = expr.predicate_op;
                node->negated = expr.negated;
                node->case_insensitive =
                    expr.case_insensitive || expr.predicate_op == ast::PredicateOp::kColon;
                node->type = ExprType::kBoolean;
                break;
            case ast::ExprKind::kNot: node->kind = BoundKind::kNot; node->type = ExprType::kBoolean; break;
            case ast::ExprKind::kAnd: node->kind = BoundKind::kAnd; node->type = ExprType::kBoolean; break;
            default: node->kind = BoundKind::kOr; node->type = ExprType::kBoolean; break;
        }
        return node;
    }

private:
    void BindChildren(const ast::Expr& expr, BoundExpr& node, int depth) {
        for (const ast::ExprPtr& child : expr.children) {
            if (!child) {
                continue;
            }
            node.children.push_back(Bind(*child, depth + 1));
            node.has_error = node.has_error || node.children.back()->has_error;
        }
    }

    void BindField(const ast::Expr& expr, BoundExpr& node) {
        node.kind = BoundKind::kField;
        node.path = expr.field.path;
        node.optional = expr.field.optional;
        const Schema* schema = options_.schema;
        if (schema == nullptr) {
            return;
        }
        if (auto target = schema->ResolveAlias(node.path)) {
            node.path = *target;
        }
        node.field_type = schema->Lookup(node.path);
        if (node.field_type) {
            node.type = FromFieldType(*node.field_type);
        } else if (node.optional) {
            // An optional field the mapping lacks is the literal null.
            node.kind = BoundKind::kConstant;
            node.constant = std::monostate{};
            node.type = ExprType::kNull;
        }
    }

    void BindCall(const ast::Expr& expr, BoundExpr& node, int depth) {
        node.kind = BoundKind::kCall;
        node.case_insensitive = expr.case_insensitive;
        BindChildren(expr, node, depth);
        node.function = FindFunction(expr.name);
        if (node.function == nullptr) {
            diagnostics_.push_back(MakeDiagnostic("unknown-function", NameSpan(expr),
                                                  UnknownFunctionMessage(expr.name)));
            node.has_error = true;
            return;
        }

        const FunctionSpec& spec = *node.function;
        if (expr.case_insensitive && !spec.case_aware) {
            diagnostics_.push_back(MakeDiagnostic(
                "function-case-insensitive", NameSpan(expr),
                fmt::format("Unused parameters [true] detected when building [{}]", spec.key)));
            node.has_error = true;
        }
        size_t count = node.children.size();
        if (count < spec.min_args || count > spec.max_args) {
            diagnostics_.push_back(MakeDiagnostic(
                "function-arity", NameSpan(expr),
                fmt::format("error building [{}]: {}", spec.key, spec.arity_error)));
            node.has_error = true;
            node.function = nullptr;
            return;
        }
        node.type = spec.result;
        if (spec.result == ExprType::kUnknown && count == 2) {
            node.type = NumericPromotion(node.children[0]->type, node.children[1]->type);
        }
    }

    const BindOptions& options_;
    std::vector<Diagnostic>& diagnostics_;
    bool too_deep_reported_ = false;
};

}  // namespace

BoundPtr BindExpr(const ast::Expr& expr, const BindOptions& options,
                  std::vector<Diagnostic>& diagnostics) {
    Binder binder(options, diagnostics);
    return binder.Bind(expr, 0);
}

BoundPtr MakeConstant(const BoundExpr& from, Value value) {
    auto node = std::make_unique<BoundExpr>();
    node->kind = BoundKind::kConstant;
    node->span = from.span;
    node->source = from.source;
    node->constant = std::move(value);
    switch (node->constant.index()) {
        case 1: node->type = ExprType::kBoolean; break;
        case 2: node->type = ExprType::kLong; break;
        case 3: node->type = ExprType::kDouble; break;
        case 4: node->type = ExprType::kKeyword; break;
        default: node->type = ExprType::kNull; break;
    }
    return node;
}

}  // namespace eql::expr
