// The bound form of an expression: the AST with fields resolved (aliases followed, types from
// the schema, unmapped optional fields replaced by null), functions looked up in the registry,
// and patterns, sets and CIDR blocks compiled. The verifier type-checks this tree and the
// condition compiler evaluates it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eql/diagnostic.hpp"
#include "engine/check/schema.hpp"
#include "engine/expr/comparison.hpp"
#include "engine/expr/expr_type.hpp"
#include "engine/expr/function_registry.hpp"
#include "engine/expr/ip_address.hpp"
#include "engine/expr/matchers.hpp"
#include "engine/io/event.hpp"
#include "grammar/ast.hpp"

namespace eql::expr {

enum class BoundKind : uint8_t {
    kConstant,
    kField,
    kCall,
    kNegate,
    kArithmetic,
    kCompare,
    kMatch,     // `:`, like, regex: children[0] is the subject, the rest the patterns
    kIn,        // children[0] is the subject, the rest the list
    kNot,
    kAnd,
    kOr,
    kIsNull,    // `x == null` after folding
    kIsNotNull, // `x != null` after folding
};

struct BoundExpr;
using BoundPtr = std::unique_ptr<BoundExpr>;

struct BoundExpr {
    BoundKind kind = BoundKind::kConstant;
    ast::Span span;
    const ast::Expr* source = nullptr;  // the AST node bound, for messages; may be null
    ExprType type = ExprType::kUnknown;
    bool has_error = false;             // this node or one below failed to bind

    Value constant;                          // kConstant
    std::string path;                        // kField: the path read, after alias resolution
    bool optional = false;                   // kField written with '?'
    std::optional<FieldType> field_type;     // kField: from the schema
    uint32_t local_index = 0;                // kField: position in a script's value row

    const FunctionSpec* function = nullptr;  // kCall; null when the name is unknown
    bool case_insensitive = false;           // kCall with '~', `:`, like~, regex~, in~
    ast::ArithmeticOp arithmetic_op = ast::ArithmeticOp::kAdd;
    ast::CompareOp compare_op = ast::CompareOp::kEq;
    ast::PredicateOp predicate_op = ast::PredicateOp::kColon;
    bool negated = false;                    // kIn written `not in`

    std::vector<BoundPtr> children;
    std::shared_ptr<const StringMatcher> matcher;  // kMatch
    std::shared_ptr<const ValueSet> set;           // kIn with constant elements
    std::shared_ptr<const CidrSet> cidrs;          // kCall cidrMatch with constant blocks
    std::shared_ptr<const Comparand> comparand;    // kCompare with a constant right side

    bool IsConstant() const { return kind == BoundKind::kConstant; }
    bool IsNullConstant() const { return IsConstant() && IsNull(constant); }
};

struct BindOptions {
    const Schema* schema = nullptr;  // resolves aliases and types; null: decide by value
};

// Expressions nested deeper than this are rejected with "expression-too-deep".
inline constexpr int kMaxExpressionDepth = 200;

// Binds `expr`, appending to `diagnostics` every problem found while resolving names:
// unknown-function, function-arity, function-case-insensitive, expression-too-deep. Never
// returns null.
BoundPtr BindExpr(const ast::Expr& expr, const BindOptions& options,
                  std::vector<Diagnostic>& diagnostics);

// Folds constant subtrees, turns `x == null` / `x != null` into null tests, moves constants to
// the right of comparisons and simplifies `predicate == true`, changing the tree in place. It
// also compiles what later evaluation needs (pattern matchers, value sets, CIDR blocks,
// comparands), appending invalid-regex and invalid-cidr diagnostics for bad literals.
void FoldExpr(BoundPtr& expr, std::vector<Diagnostic>& diagnostics);

// Evaluation state of one script run: the current value of each field (by local_index; null
// pointer for a missing field) and the storage for text results.
struct EvalFrame {
    const Value* const* values = nullptr;
    ScratchStrings* scratch = nullptr;
};

// Evaluates `expr` with three-valued logic: null operands give null. The result's text may
// point into `expr`, the event or the frame's scratch strings.
Scalar EvalScalar(const BoundExpr& expr, const EvalFrame& frame);

// Builds a constant node that replaces `from` (same span and source).
BoundPtr MakeConstant(const BoundExpr& from, Value value);

}  // namespace eql::expr
