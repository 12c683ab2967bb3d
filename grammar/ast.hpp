// The abstract syntax tree of an EQL query, as the grammar builds it from text.
// Every node carries the byte span it was parsed from, so later phases can point a caret at it.
// Nothing here knows about events: the checker and the planner read this tree.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace eql::ast {

// Half-open byte range [begin, end) into the query text.
struct Span {
    uint32_t begin = 0;
    uint32_t end = 0;
};

// A constant as written: null, true/false, an integer, a decimal or a string (escapes decoded).
using Literal = std::variant<std::monostate, bool, int64_t, double, std::string>;

// A field reference such as `process.parent.name`, `?user.id` or `` event.`sequence` ``.
struct FieldRef {
    std::vector<std::string> segments;  // backquotes removed, doubled backquotes undone
    std::string path;                   // segments joined with '.'
    bool optional = false;              // written with a leading '?'
    Span span;
};

enum class ExprKind {
    kLiteral,    // literal
    kField,      // field
    kCall,       // function: name(children...)
    kNegate,     // unary minus on children[0]; unary plus is dropped by the parser
    kArithmetic, // children[0] arith_op children[1]
    kCompare,    // children[0] compare_op children[1]
    kPredicate,  // children[0] predicate_op (children[1...]), for ':', like, regex, in
    kNot,        // not children[0]
    kAnd,        // children[0] and children[1] and ...
    kOr,         // children[0] or children[1] or ...
};

enum class ArithmeticOp { kAdd, kSubtract, kMultiply, kDivide, kModulo };
enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

// `in` and `not in` keep the negation in `negated`; the other operators are never negated here.
enum class PredicateOp { kColon, kLike, kRegex, kIn };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    ExprKind kind = ExprKind::kLiteral;
    Span span;

    Literal literal;     // kLiteral
    FieldRef field;      // kField
    std::string name;    // kCall: the name as written, without '~'
    bool case_insensitive = false;  // kCall written name~(...), or in~ / like~ / regex~
    ArithmeticOp arithmetic_op = ArithmeticOp::kAdd;
    CompareOp compare_op = CompareOp::kEq;
    PredicateOp predicate_op = PredicateOp::kColon;
    bool negated = false;  // kPredicate written `not in` / `not in~`

    std::vector<ExprPtr> children;
};

// `category where condition`, or `any where condition` (then `category` is empty).
struct EventFilter {
    bool any = false;
    std::string category;
    Span category_span;
    ExprPtr condition;
    Span span;
};

// One bracketed stage of a sequence or sample, or the until clause.
struct Stage {
    EventFilter filter;
    bool missing = false;            // written ![ ... ]
    std::vector<FieldRef> keys;      // the stage's own `by` keys
    Span keys_span;                  // from `by` to the last key; empty when there are none
    std::optional<int64_t> runs;     // `with runs=N`
    Span runs_span;                  // the number N
    Span span;                       // from '[' or '![' to ']'
};

struct Sequence {
    std::vector<FieldRef> keys;          // sequence-level `by`
    Span keys_span;
    std::optional<int64_t> maxspan_ns;   // `with maxspan=T`, in nanoseconds
    Span maxspan_span;                   // the time value
    std::vector<Stage> stages;
    std::optional<Stage> until;
};

// `sample by ...` and the rejected `join` keep the same shape as a sequence without options.
struct Sample {
    std::vector<FieldRef> keys;
    Span keys_span;
    std::vector<Stage> stages;
    std::optional<Stage> until;  // `join ... until [...]`; a sample never has one
};

struct Pipe {
    std::string name;             // head, tail, or a rejected name
    Span name_span;
    std::vector<ExprPtr> arguments;
    std::optional<int64_t> limit;  // head and tail: the argument folded to a constant
    Span span;
};

enum class QueryKind { kEvent, kSequence, kSample, kJoin };

struct Query {
    QueryKind kind = QueryKind::kEvent;
    EventFilter event;       // kEvent
    Sequence sequence;       // kSequence
    Sample sample;           // kSample and kJoin
    std::vector<Pipe> pipes;
    Span span;
};

// Prints canonical EQL for a node. Parsing the output again gives an equal tree.
std::string Print(const Expr& expr);
std::string Print(const Query& query);

// Prints a compact one-line dump of the tree, for tests: (and (== process.name "a") ...).
std::string Dump(const Expr& expr);
std::string Dump(const Query& query);

}  // namespace eql::ast
