// The state that the grammar actions build the AST in. It has a stack of finished expressions
// and frames for the constructs still open (calls, predicates, `not` and sign prefixes). It
// also has scratch nodes for the field, filter and stage being read, and the builder
// diagnostics found so far. Internal to grammar/, where parse.cpp drives it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eql/diagnostic.hpp"
#include "grammar/ast.hpp"

namespace eql::grammar::detail {

// Maximum nesting of expressions (parentheses, calls, lists) while parsing, and maximum depth of
// the expression tree that results. Later phases recurse over the tree, so this bound is what
// keeps them within the stack.
inline constexpr uint32_t kMaxNesting = 256;

// Thrown by an action for a mistake that must stop the parse at once.
struct FatalDiagnostic {
    Diagnostic diagnostic;
};

struct ExprEntry {
    ast::ExprPtr expr;
    uint32_t depth = 1;            // height of the tree under expr, a leaf being 1
    bool open_chain = false;       // an `and`/`or` node that the next operand of its chain joins
    bool int64_min_magnitude = false;  // the literal 9223372036854775808, which `-` makes INT64_MIN
};

struct CallFrame {
    std::string name;
    bool case_insensitive = false;
    uint32_t begin = 0;
    size_t base = 0;  // size of the expression stack when the arguments began
};

struct PredicateFrame {
    ast::PredicateOp op = ast::PredicateOp::kColon;
    bool case_insensitive = false;
    bool negated = false;
    size_t base = 0;  // size of the expression stack after the left operand
};

// A run of prefix operators: `not not` or `- +`, with the offset of each.
struct PrefixGroup {
    std::vector<char> operators;  // 'n' for not, '-' or '+' for signs
    std::vector<uint32_t> offsets;
};

struct Builder {
    explicit Builder(std::string_view query_text) : text(query_text) {}

    std::string_view text;

    // Expressions
    std::vector<ExprEntry> exprs;
    std::vector<CallFrame> calls;
    std::vector<PredicateFrame> predicates;
    PrefixGroup pending_prefix;             // operators read since the last group closed
    std::vector<PrefixGroup> prefix_groups;  // groups whose operand is being read
    bool pending_not_in = false;
    uint32_t nesting = 0;

    // The field reference being read
    ast::FieldRef field;
    bool field_started = false;

    // Scratch for the query parts being read
    std::vector<ast::FieldRef> keys;
    ast::EventFilter filter;
    ast::Stage stage;
    std::string stage_option;          // the NAME of `with NAME=VALUE` after a stage
    ast::Span stage_option_span;
    ast::Span time_number_span;         // the parts of the `maxspan=` value being read
    std::optional<ast::Span> time_unit_span;
    ast::Pipe pipe;
    ast::Query query;
    uint32_t query_keyword_begin = 0;
    size_t sequence_issue_mark = 0;

    // Builder diagnostics in the order found; ParseQuery reports the first.
    std::vector<Diagnostic> issues;

    uint32_t Offset(const char* position) const {
        return static_cast<uint32_t>(position - text.data());
    }
    ast::Span SpanOf(const char* begin, const char* end) const {
        return ast::Span{Offset(begin), Offset(end)};
    }
    std::string_view TextOf(ast::Span span) const {
        return text.substr(span.begin, span.end - span.begin);
    }

    void AddIssue(const char* code, std::string message, ast::Span span);
    void InsertIssue(size_t index, const char* code, std::string message, ast::Span span);

    // Pushes a finished expression; throws FatalDiagnostic when the tree gets too deep.
    void Push(ExprEntry entry);
    ExprEntry Pop();

    // Builders for the nodes the actions produce. Each pops its operands and pushes the result.
    void PushLiteral(ast::Literal literal, ast::Span span, bool int64_min_magnitude = false);
    void ReduceBinary(ast::ExprKind kind, ast::ArithmeticOp arithmetic, ast::CompareOp compare);
    void ReduceChain(ast::ExprKind kind);  // `and` / `or`: joins an open chain or starts one
    void ReducePrefixGroup(const PrefixGroup& group);
    void ReducePredicate(const PredicateFrame& frame, uint32_t end);
    void ReduceCall(const CallFrame& frame, uint32_t end);

    // Raises the nesting limit error at `offset`.
    [[noreturn]] void FailNesting(uint32_t offset) const;
};

}  // namespace eql::grammar::detail
