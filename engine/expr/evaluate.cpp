// Three-valued evaluation of a bound expression for one combination of field values: the
// script semantics of Elasticsearch, where a null operand makes the result null. Used by
// script atoms of conditions and by constant folding. Entry point: EvalScalar.
#include <array>

#include "engine/expr/bound_expr.hpp"
#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

// Three-valued and/or: the absorbing value wins, then null, then the neutral value.
Scalar EvalLogic(const BoundExpr& expr, const EvalFrame& frame) {
    bool is_and = expr.kind == BoundKind::kAnd;
    bool saw_null = false;
    for (const BoundPtr& child : expr.children) {
        Scalar value = EvalScalar(*child, frame);
        if (value.kind == Scalar::Kind::kBool) {
            if (value.boolean != is_and) {
                return Scalar::Bool(!is_and);
            }
        } else {
            saw_null = true;
        }
    }
    return saw_null ? Scalar::Null() : Scalar::Bool(is_and);
}

Scalar EvalCall(const BoundExpr& expr, const EvalFrame& frame) {
    if (expr.function == nullptr) {
        return Scalar::Null();
    }
    std::array<Scalar, 8> inline_args;
    std::vector<Scalar> many_args;
    Scalar* args = inline_args.data();
    if (expr.children.size() > inline_args.size()) {
        many_args.resize(expr.children.size());
        args = many_args.data();
    }
    for (size_t i = 0; i < expr.children.size(); ++i) {
        args[i] = EvalScalar(*expr.children[i], frame);
    }
    CallContext context;
    context.case_insensitive = expr.case_insensitive;
    context.scratch = frame.scratch;
    context.prepared = expr.cidrs.get();
    return expr.function->eval(args, expr.children.size(), context);
}

bool IsOptionalField(const BoundExpr& expr) {
    return expr.kind == BoundKind::kField && expr.optional;
}

Scalar EvalCompare(const BoundExpr& expr, const EvalFrame& frame) {
    Scalar left = EvalScalar(*expr.children[0], frame);

    // An optional field that is absent stands for the literal null, so `?a == ?b` is a null
    // test when one side is missing, as it is in Elasticsearch when the field is unmapped.
    bool equality = expr.compare_op == ast::CompareOp::kEq || expr.compare_op == ast::CompareOp::kNe;
    if (equality && !expr.comparand) {
        const BoundExpr& left_node = *expr.children[0];
        const BoundExpr& right_node = *expr.children[1];
        Scalar right = EvalScalar(right_node, frame);
        bool left_stands_null = left.IsNull() && IsOptionalField(left_node);
        bool right_stands_null = right.IsNull() && IsOptionalField(right_node);
        if (left_stands_null || right_stands_null) {
            bool other_null = left_stands_null ? right.IsNull() : left.IsNull();
            return Scalar::Bool(other_null == (expr.compare_op == ast::CompareOp::kEq));
        }
        return CompareDynamic(left, expr.compare_op, right);
    }
    if (left.IsNull()) {
        return Scalar::Null();
    }
    if (expr.comparand) {
        if (expr.comparand->literal().IsNull()) {
            return Scalar::Null();
        }
        return Scalar::Bool(expr.comparand->Test(left, expr.compare_op));
    }
    return CompareDynamic(left, expr.compare_op, EvalScalar(*expr.children[1], frame));
}

Scalar EvalMatch(const BoundExpr& expr, const EvalFrame& frame) {
    Scalar subject = EvalScalar(*expr.children[0], frame);
    if (subject.IsNull() || !expr.matcher) {
        return Scalar::Null();
    }
    ScalarText text;
    return Scalar::Bool(expr.matcher->Matches(text.Of(subject)));
}

Scalar EvalIn(const BoundExpr& expr, const EvalFrame& frame) {
    Scalar subject = EvalScalar(*expr.children[0], frame);
    if (subject.IsNull()) {
        return Scalar::Null();
    }
    bool found = false;
    if (expr.set) {
        found = expr.set->Contains(subject);
    } else {
        for (size_t i = 1; i < expr.children.size() && !found; ++i) {
            Scalar element = EvalScalar(*expr.children[i], frame);
            if (element.IsNull()) {
                continue;
            }
            if (expr.case_insensitive && subject.kind == Scalar::Kind::kString &&
                element.kind == Scalar::Kind::kString) {
                found = EqualsFolded(subject.text, element.text);
            } else {
                Scalar equal = CompareDynamic(subject, ast::CompareOp::kEq, element);
                found = equal.kind == Scalar::Kind::kBool && equal.boolean;
            }
        }
    }
    return Scalar::Bool(found != expr.negated);
}

}  // namespace

Scalar EvalScalar(const BoundExpr& expr, const EvalFrame& frame) {
    switch (expr.kind) {
        case BoundKind::kConstant: return ToScalar(expr.constant);
        case BoundKind::kField: {
            const Value* value = frame.values != nullptr ? frame.values[expr.local_index] : nullptr;
            return value != nullptr ? ToScalar(*value) : Scalar::Null();
        }
        case BoundKind::kCall: return EvalCall(expr, frame);
        case BoundKind::kNegate:
            return expr.children.empty() ? Scalar::Null()
                                         : ApplyNegate(EvalScalar(*expr.children[0], frame));
        case BoundKind::kArithmetic:
            if (expr.children.size() != 2) {
                return Scalar::Null();
            }
            return ApplyArithmetic(expr.arithmetic_op, EvalScalar(*expr.children[0], frame),
                                   EvalScalar(*expr.children[1], frame));
        case BoundKind::kCompare:
            return expr.children.size() == 2 ? EvalCompare(expr, frame) : Scalar::Null();
        case BoundKind::kMatch:
            return expr.children.empty() ? Scalar::Null() : EvalMatch(expr, frame);
        case BoundKind::kIn: return expr.children.empty() ? Scalar::Null() : EvalIn(expr, frame);
        case BoundKind::kNot: {
            Scalar value = expr.children.empty() ? Scalar::Null()
                                                 : EvalScalar(*expr.children[0], frame);
            return value.kind == Scalar::Kind::kBool ? Scalar::Bool(!value.boolean)
                                                     : Scalar::Null();
        }
        case BoundKind::kAnd:
        case BoundKind::kOr: return EvalLogic(expr, frame);
        case BoundKind::kIsNull:
        case BoundKind::kIsNotNull: {
            bool is_null = expr.children.empty() || EvalScalar(*expr.children[0], frame).IsNull();
            return Scalar::Bool(is_null == (expr.kind == BoundKind::kIsNull));
        }
    }
    return Scalar::Null();
}

}  // namespace eql::expr
