// The math family: add, subtract, multiply, divide and modulo, and the arithmetic operators
// they share with `+ - * / %` and unary minus. Java semantics: int64 arithmetic unless a double
// is involved; integer division truncates toward zero and `%` takes the sign of the dividend.
// Integer division or modulo by zero and integer overflow, which raise in Elasticsearch, give
// null here. Registered by AddMathFunctions.
#include <cmath>
#include <limits>

#include "engine/expr/function_registry.hpp"

namespace eql::expr {

namespace {

// Known gap: Elasticsearch computes two 32-bit operands in 32 bits, so `2147483647 + 1` fails
// there; here every integer is 64-bit and that sum is 2147483648.
Scalar IntegerArithmetic(ast::ArithmeticOp op, int64_t a, int64_t b) {
    int64_t result = 0;
    switch (op) {
        case ast::ArithmeticOp::kAdd:
            return __builtin_add_overflow(a, b, &result) ? Scalar::Null() : Scalar::Long(result);
        case ast::ArithmeticOp::kSubtract:
            return __builtin_sub_overflow(a, b, &result) ? Scalar::Null() : Scalar::Long(result);
        case ast::ArithmeticOp::kMultiply:
            return __builtin_mul_overflow(a, b, &result) ? Scalar::Null() : Scalar::Long(result);
        case ast::ArithmeticOp::kDivide:
            if (b == 0) {
                return Scalar::Null();
            }
            // Java wraps Long.MIN_VALUE / -1 to Long.MIN_VALUE instead of trapping.
            if (a == std::numeric_limits<int64_t>::min() && b == -1) {
                return Scalar::Long(a);
            }
            return Scalar::Long(a / b);
        case ast::ArithmeticOp::kModulo:
            if (b == 0) {
                return Scalar::Null();
            }
            return Scalar::Long(b == -1 ? 0 : a % b);
    }
    return Scalar::Null();
}

double RealArithmetic(ast::ArithmeticOp op, double a, double b) {
    switch (op) {
        case ast::ArithmeticOp::kAdd: return a + b;
        case ast::ArithmeticOp::kSubtract: return a - b;
        case ast::ArithmeticOp::kMultiply: return a * b;
        case ast::ArithmeticOp::kDivide: return a / b;
        case ast::ArithmeticOp::kModulo: return std::fmod(a, b);
    }
    return 0;
}

template <ast::ArithmeticOp op>
Scalar Call(const Scalar* args, size_t, const CallContext&) {
    return ApplyArithmetic(op, args[0], args[1]);
}

constexpr ArgRule kNumeric{ArgKind::kNumeric, false};

}  // namespace

Scalar ApplyArithmetic(ast::ArithmeticOp op, const Scalar& left, const Scalar& right) {
    if (!left.IsNumber() || !right.IsNumber()) {
        return Scalar::Null();
    }
    if (left.kind == Scalar::Kind::kLong && right.kind == Scalar::Kind::kLong) {
        return IntegerArithmetic(op, left.integer, right.integer);
    }
    return Scalar::Double(RealArithmetic(op, left.AsDouble(), right.AsDouble()));
}

Scalar ApplyNegate(const Scalar& operand) {
    if (operand.kind == Scalar::Kind::kLong) {
        if (operand.integer == std::numeric_limits<int64_t>::min()) {
            return Scalar::Null();
        }
        return Scalar::Long(-operand.integer);
    }
    if (operand.kind == Scalar::Kind::kDouble) {
        return Scalar::Double(-operand.real);
    }
    return Scalar::Null();
}

void AddMathFunctions(std::vector<FunctionSpec>& table) {
    using Op = ast::ArithmeticOp;
    const char* arity = "expects exactly two arguments";
    table.push_back({"add", "add", 2, 2, arity, false, false, ExprType::kUnknown,
                     {kNumeric, kNumeric}, Call<Op::kAdd>});
    table.push_back({"divide", "divide", 2, 2, arity, false, false, ExprType::kUnknown,
                     {kNumeric, kNumeric}, Call<Op::kDivide>});
    table.push_back({"modulo", "modulo", 2, 2, arity, false, false, ExprType::kUnknown,
                     {kNumeric, kNumeric}, Call<Op::kModulo>});
    table.push_back({"multiply", "multiply", 2, 2, arity, false, false, ExprType::kUnknown,
                     {kNumeric, kNumeric}, Call<Op::kMultiply>});
    table.push_back({"subtract", "subtract", 2, 2, arity, false, false, ExprType::kUnknown,
                     {kNumeric, kNumeric}, Call<Op::kSubtract>});
}

}  // namespace eql::expr
