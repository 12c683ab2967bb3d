// Expression construction for the grammar actions: every reduction pops its operands from the
// Builder's stack and pushes the new node, tracking the tree depth so that no tree deeper than
// kMaxNesting is ever built. Unary minus on a numeric literal folds into the literal here.
#include "grammar/builder.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "grammar/errors.hpp"

namespace eql::grammar::detail {
namespace {

// 2^63: the magnitude of INT64_MIN, which only exists as a literal under a minus sign.
constexpr double kInt64MinMagnitude = 9223372036854775808.0;

ast::ExprPtr MakeNode(ast::ExprKind kind, ast::Span span) {
    auto node = std::make_unique<ast::Expr>();
    node->kind = kind;
    node->span = span;
    return node;
}

// Negates a numeric literal in place; false when `entry` is not one.
bool FoldNegation(ExprEntry& entry, uint32_t begin) {
    ast::Expr& expr = *entry.expr;
    if (expr.kind != ast::ExprKind::kLiteral) {
        return false;
    }
    if (const auto* integer = std::get_if<int64_t>(&expr.literal)) {
        if (*integer == std::numeric_limits<int64_t>::min()) {
            expr.literal = kInt64MinMagnitude;
        } else {
            expr.literal = -*integer;
        }
    } else if (const auto* decimal = std::get_if<double>(&expr.literal)) {
        if (entry.int64_min_magnitude) {
            expr.literal = std::numeric_limits<int64_t>::min();
        } else {
            expr.literal = -*decimal;
        }
    } else {
        return false;
    }
    entry.int64_min_magnitude = false;
    expr.span.begin = begin;
    return true;
}

ExprEntry WrapUnary(ExprEntry operand, ast::ExprKind kind, uint32_t begin) {
    ExprEntry entry;
    entry.expr = MakeNode(kind, ast::Span{begin, operand.expr->span.end});
    entry.depth = operand.depth + 1;
    entry.expr->children.push_back(std::move(operand.expr));
    return entry;
}

}  // namespace

void Builder::AddIssue(const char* code, std::string message, ast::Span span) {
    InsertIssue(issues.size(), code, std::move(message), span);
}

void Builder::InsertIssue(size_t index, const char* code, std::string message, ast::Span span) {
    Diagnostic diagnostic;
    diagnostic.code = code;
    diagnostic.offset = span.begin;
    diagnostic.length = std::max<uint32_t>(1, span.end - span.begin);
    diagnostic.message = std::move(message);
    issues.insert(issues.begin() + static_cast<std::ptrdiff_t>(std::min(index, issues.size())),
                  std::move(diagnostic));
}

void Builder::FailNesting(uint32_t offset) const {
    Diagnostic diagnostic;
    diagnostic.code = code::kNestingLimit;
    diagnostic.offset = offset;
    diagnostic.message =
        fmt::format("expression nesting exceeds the limit of {} levels", kMaxNesting);
    throw FatalDiagnostic{std::move(diagnostic)};
}

void Builder::Push(ExprEntry entry) {
    if (entry.depth > kMaxNesting) {
        FailNesting(entry.expr->span.begin);
    }
    exprs.push_back(std::move(entry));
}

ExprEntry Builder::Pop() {
    ExprEntry entry = std::move(exprs.back());
    exprs.pop_back();
    return entry;
}

void Builder::PushLiteral(ast::Literal literal, ast::Span span, bool int64_min_magnitude) {
    ExprEntry entry;
    entry.expr = MakeNode(ast::ExprKind::kLiteral, span);
    entry.expr->literal = std::move(literal);
    entry.int64_min_magnitude = int64_min_magnitude;
    Push(std::move(entry));
}

void Builder::ReduceBinary(ast::ExprKind kind, ast::ArithmeticOp arithmetic,
                           ast::CompareOp compare) {
    ExprEntry right = Pop();
    ExprEntry left = Pop();

    ExprEntry entry;
    entry.expr = MakeNode(kind, ast::Span{left.expr->span.begin, right.expr->span.end});
    entry.expr->arithmetic_op = arithmetic;
    entry.expr->compare_op = compare;
    entry.depth = std::max(left.depth, right.depth) + 1;
    entry.expr->children.push_back(std::move(left.expr));
    entry.expr->children.push_back(std::move(right.expr));
    Push(std::move(entry));
}

void Builder::ReduceChain(ast::ExprKind kind) {
    ExprEntry right = Pop();
    ExprEntry left = Pop();

    // A chain `a and b and c` makes one node; a parenthesized `(a and b)` arrives closed.
    if (left.open_chain && left.expr->kind == kind) {
        left.expr->span.end = right.expr->span.end;
        left.depth = std::max(left.depth, right.depth + 1);
        left.expr->children.push_back(std::move(right.expr));
        Push(std::move(left));
        return;
    }

    ExprEntry entry;
    entry.expr = MakeNode(kind, ast::Span{left.expr->span.begin, right.expr->span.end});
    entry.depth = std::max(left.depth, right.depth) + 1;
    entry.open_chain = true;
    entry.expr->children.push_back(std::move(left.expr));
    entry.expr->children.push_back(std::move(right.expr));
    Push(std::move(entry));
}

void Builder::ReducePrefixGroup(const PrefixGroup& group) {
    ExprEntry operand = Pop();

    // The operator nearest the operand applies first.
    for (size_t i = group.operators.size(); i-- > 0;) {
        const char op = group.operators[i];
        const uint32_t begin = group.offsets[i];
        if (op == 'n') {
            operand = WrapUnary(std::move(operand), ast::ExprKind::kNot, begin);
        } else if (op == '-' && !FoldNegation(operand, begin)) {
            operand = WrapUnary(std::move(operand), ast::ExprKind::kNegate, begin);
        } else if (op == '+') {
            // Unary plus is dropped, as Elasticsearch drops it.
            operand.expr->span.begin = begin;
        }
        if (operand.depth > kMaxNesting) {
            FailNesting(begin);
        }
    }
    Push(std::move(operand));
}

void Builder::ReducePredicate(const PredicateFrame& frame, uint32_t end) {
    ExprEntry entry;
    ast::ExprPtr& left = exprs[frame.base - 1].expr;
    entry.expr = MakeNode(ast::ExprKind::kPredicate, ast::Span{left->span.begin, end});
    entry.expr->predicate_op = frame.op;
    entry.expr->case_insensitive = frame.case_insensitive;
    entry.expr->negated = frame.negated;

    entry.expr->children.reserve(exprs.size() - (frame.base - 1));
    for (size_t i = frame.base - 1; i < exprs.size(); ++i) {
        entry.depth = std::max(entry.depth, exprs[i].depth + 1);
        entry.expr->children.push_back(std::move(exprs[i].expr));
    }
    exprs.resize(frame.base - 1);
    Push(std::move(entry));
}

void Builder::ReduceCall(const CallFrame& frame, uint32_t end) {
    ExprEntry entry;
    entry.expr = MakeNode(ast::ExprKind::kCall, ast::Span{frame.begin, end});
    entry.expr->name = frame.name;
    entry.expr->case_insensitive = frame.case_insensitive;

    entry.expr->children.reserve(exprs.size() - frame.base);
    for (size_t i = frame.base; i < exprs.size(); ++i) {
        entry.depth = std::max(entry.depth, exprs[i].depth + 1);
        entry.expr->children.push_back(std::move(exprs[i].expr));
    }
    exprs.resize(frame.base);
    Push(std::move(entry));
}

}  // namespace eql::grammar::detail
