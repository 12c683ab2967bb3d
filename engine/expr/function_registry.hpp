// The EQL function catalogue: one entry per function with its signature, shared by the binder
// (name resolution, arity), the verifier (argument types) and the evaluator (the implementation).
// Names resolve case-insensitively, as Elasticsearch lowercases them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/expr_type.hpp"
#include "engine/expr/scalar.hpp"
#include "grammar/ast.hpp"

namespace eql::expr {

// What one argument position accepts.
enum class ArgKind : uint8_t { kAny, kString, kNumeric, kInteger, kBoolean, kIp };

struct ArgRule {
    ArgKind kind = ArgKind::kAny;
    bool constant = false;  // must fold to a constant ("must be a constant")
};

struct CallContext {
    bool case_insensitive = false;
    ScratchStrings* scratch = nullptr;  // storage for text results
    const void* prepared = nullptr;     // compile-time state, e.g. the parsed CIDR blocks
};

// Evaluates a call on already evaluated arguments. Never throws; a runtime failure (a text
// number() cannot convert, an overflow) gives null.
using FunctionEval = Scalar (*)(const Scalar* args, size_t count, const CallContext& context);

struct FunctionSpec {
    std::string_view name;         // documented spelling, e.g. "cidrMatch"
    std::string_view key;          // registry name, lower case, used in messages
    size_t min_args = 0;
    size_t max_args = 0;           // kVariadic for no upper bound
    std::string_view arity_error;  // e.g. "expects exactly one argument"
    bool case_aware = false;       // accepts the name~(...) form
    bool pushable = false;         // a field first argument with constant others is pushed down
    ExprType result = ExprType::kUnknown;  // kUnknown: numeric promotion of the arguments
    std::vector<ArgRule> args;     // per position; the last rule repeats for variadic calls
    FunctionEval eval = nullptr;

    const ArgRule& Rule(size_t index) const {
        return args[index < args.size() ? index : args.size() - 1];
    }
};

inline constexpr size_t kVariadic = SIZE_MAX;

// Returns the function named `name` (any case), or null.
const FunctionSpec* FindFunction(std::string_view name);
// Registry names similar to `name`, best first, as Elasticsearch suggests them: normalized
// Levenshtein similarity of at least 0.5 against the lower-cased name.
std::vector<std::string> SimilarFunctionNames(std::string_view name);

// Family tables, one per file: functions_string.cpp, functions_network.cpp,
// functions_math.cpp, functions_conversion.cpp.
void AddStringFunctions(std::vector<FunctionSpec>& table);
void AddNetworkFunctions(std::vector<FunctionSpec>& table);
void AddMathFunctions(std::vector<FunctionSpec>& table);
void AddConversionFunctions(std::vector<FunctionSpec>& table);

// Arithmetic with Java semantics: int64 unless a double is involved, division truncating toward
// zero, `%` with the sign of the dividend; integer division or modulo by zero and integer
// overflow give null. Non-numeric operands give null.
Scalar ApplyArithmetic(ast::ArithmeticOp op, const Scalar& left, const Scalar& right);
Scalar ApplyNegate(const Scalar& operand);

// Java's String.valueOf for one value, written to `out`; false for null.
bool AppendJavaString(const Scalar& value, std::string& out);

}  // namespace eql::expr
