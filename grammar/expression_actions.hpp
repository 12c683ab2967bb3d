// Grammar actions for expressions: constants, fields, calls, predicates, prefix and binary
// operators. Each pushes or reduces entries on the Builder's expression stack. Since every
// operator and opening token in the grammar is followed by a must<> point, a rule with an
// action is never backtracked over, so the stack stays consistent. Included by parse.cpp only.
#pragma once

#include <string>
#include <utility>

#include "grammar/actions.hpp"
#include "grammar/builder_checks.hpp"
#include "grammar/errors.hpp"

namespace eql::grammar::detail {

// ---------------------------------------------------------------------------------------------
// Nesting: every nested expression passes through `expression`, so counting there bounds the
// recursion of the matcher itself.

template <>
struct action<expression> : pegtl::maybe_nothing {
    template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
              template <typename...> class Action, template <typename...> class Control,
              typename ParseInput>
    [[nodiscard]] static bool match(ParseInput& in, Builder& builder) {
        if (builder.nesting >= detail::kMaxNesting) {
            builder.FailNesting(builder.Offset(in.current()));
        }
        ++builder.nesting;
        const bool matched = pegtl::match<Rule, A, M, Action, Control>(in, builder);
        --builder.nesting;
        return matched;
    }
};

// ---------------------------------------------------------------------------------------------
// Constants

template <>
struct action<null_literal> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.PushLiteral(std::monostate{}, SpanOf(in, builder));
    }
};

template <>
struct action<true_literal> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.PushLiteral(true, SpanOf(in, builder));
    }
};

template <>
struct action<false_literal> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.PushLiteral(false, SpanOf(in, builder));
    }
};

template <>
struct action<number_literal> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        detail::NumberValue number = detail::ParseNumber(in.string_view());
        builder.PushLiteral(std::move(number.literal), SpanOf(in, builder),
                            number.int64_min_magnitude);
    }
};

template <>
struct action<string_constant> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        const ast::Span span = SpanOf(in, builder);
        builder.PushLiteral(detail::DecodeString(builder, span), span);
    }
};

// ---------------------------------------------------------------------------------------------
// Field references

inline void StartField(Builder& builder, uint32_t begin) {
    if (!builder.field_started) {
        builder.field = ast::FieldRef{};
        builder.field.span.begin = begin;
        builder.field_started = true;
    }
}

template <>
struct action<optional_mark> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        StartField(builder, builder.Offset(in.begin()));
        builder.field.optional = true;
    }
};

template <>
struct action<path_identifier> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        StartField(builder, builder.Offset(in.begin()));
        builder.field.segments.push_back(in.string());
    }
};

template <>
struct action<path_quoted> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        StartField(builder, builder.Offset(in.begin()));
        const std::string_view quoted = in.string_view();
        std::string segment;
        for (size_t i = 1; i + 1 < quoted.size(); ++i) {
            segment += quoted[i];
            if (quoted[i] == '`') {
                ++i;  // the second backquote of a doubled pair
            }
        }
        builder.field.segments.push_back(std::move(segment));
    }
};

template <>
struct action<array_index> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        const size_t bracket = in.string_view().find('[');
        ast::Span span = SpanOf(in, builder);
        span.begin += static_cast<uint32_t>(bracket);
        builder.AddIssue(code::kArrayIndex, "Array indexes are not supported", span);
    }
};

template <>
struct action<field> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        ast::FieldRef& ref = builder.field;
        ref.span.end = builder.Offset(in.end());
        for (const std::string& segment : ref.segments) {
            ref.path += ref.path.empty() ? "" : ".";
            ref.path += segment;
        }

        detail::ExprEntry entry;
        entry.expr = std::make_unique<ast::Expr>();
        entry.expr->kind = ast::ExprKind::kField;
        entry.expr->span = ref.span;
        entry.expr->field = std::move(ref);
        builder.field_started = false;
        builder.Push(std::move(entry));
    }
};

// ---------------------------------------------------------------------------------------------
// Calls and parentheses

template <>
struct action<call_open> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        const std::string_view text = in.string_view();
        size_t name_end = 0;
        while (name_end < text.size() && text[name_end] != '~' && text[name_end] != '(' &&
               text[name_end] != ' ' && text[name_end] != '\t' && text[name_end] != '\r' &&
               text[name_end] != '\n' && text[name_end] != '/') {
            ++name_end;
        }
        detail::CallFrame frame;
        frame.name = std::string(text.substr(0, name_end));
        frame.case_insensitive = name_end < text.size() && text[name_end] == '~';
        frame.begin = builder.Offset(in.begin());
        frame.base = builder.exprs.size();
        builder.calls.push_back(std::move(frame));
    }
};

template <>
struct action<call> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        detail::CallFrame frame = std::move(builder.calls.back());
        builder.calls.pop_back();
        builder.ReduceCall(frame, builder.Offset(in.end()));
    }
};

template <>
struct action<parenthesized> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        detail::ExprEntry& inner = builder.exprs.back();
        inner.open_chain = false;
        inner.expr->span = SpanOf(in, builder);
    }
};

// ---------------------------------------------------------------------------------------------
// Predicates: the operator opens a frame after the left operand, the whole predicate closes it.

template <ast::PredicateOp Op, bool CaseInsensitive>
struct open_predicate {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        detail::PredicateFrame frame;
        frame.op = Op;
        frame.case_insensitive = CaseInsensitive;
        frame.negated = std::exchange(builder.pending_not_in, false);
        frame.base = builder.exprs.size();
        builder.predicates.push_back(frame);
    }
};

// clang-format off
template <> struct action<op_colon> : open_predicate<ast::PredicateOp::kColon, true> {};
template <> struct action<op_like> : open_predicate<ast::PredicateOp::kLike, false> {};
template <> struct action<op_like_insensitive> : open_predicate<ast::PredicateOp::kLike, true> {};
template <> struct action<op_regex> : open_predicate<ast::PredicateOp::kRegex, false> {};
template <> struct action<op_regex_insensitive> : open_predicate<ast::PredicateOp::kRegex, true> {};
template <> struct action<op_in> : open_predicate<ast::PredicateOp::kIn, false> {};
template <> struct action<op_in_insensitive> : open_predicate<ast::PredicateOp::kIn, true> {};
// clang-format on

template <>
struct action<predicate_not> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        builder.pending_not_in = true;
    }
};

struct close_predicate {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        const detail::PredicateFrame frame = builder.predicates.back();
        builder.predicates.pop_back();
        builder.ReducePredicate(frame, builder.Offset(in.end()));
    }
};

template <typename Op>
struct action<pattern_predicate<Op>> : close_predicate {};
template <typename Op>
struct action<in_predicate<Op>> : close_predicate {};

// ---------------------------------------------------------------------------------------------
// Prefix operators: each `not` or sign joins the pending group, the prefix rule closes the
// group, and the rule around prefix and operand applies it.

struct add_prefix_operator {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.pending_prefix.operators.push_back(in.peek_char() == 'n' ? 'n' : in.peek_char());
        builder.pending_prefix.offsets.push_back(builder.Offset(in.begin()));
    }
};

struct close_prefix_group {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        builder.prefix_groups.push_back(std::move(builder.pending_prefix));
        builder.pending_prefix = detail::PrefixGroup{};
    }
};

struct apply_prefix_group {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        const detail::PrefixGroup group = std::move(builder.prefix_groups.back());
        builder.prefix_groups.pop_back();
        builder.ReducePrefixGroup(group);
    }
};

// clang-format off
template <> struct action<unary_sign> : add_prefix_operator {};
template <> struct action<not_keyword> : add_prefix_operator {};
template <> struct action<sign_prefix> : close_prefix_group {};
template <> struct action<not_prefix> : close_prefix_group {};
template <> struct action<signed_value> : apply_prefix_group {};
template <> struct action<negation> : apply_prefix_group {};
// clang-format on

// ---------------------------------------------------------------------------------------------
// Binary operators

template <typename Op>
inline constexpr ast::ArithmeticOp kArithmeticOf = ast::ArithmeticOp::kAdd;
template <> inline constexpr auto kArithmeticOf<op_minus> = ast::ArithmeticOp::kSubtract;
template <> inline constexpr auto kArithmeticOf<op_multiply> = ast::ArithmeticOp::kMultiply;
template <> inline constexpr auto kArithmeticOf<op_divide> = ast::ArithmeticOp::kDivide;
template <> inline constexpr auto kArithmeticOf<op_modulo> = ast::ArithmeticOp::kModulo;

template <typename Op>
inline constexpr ast::CompareOp kCompareOf = ast::CompareOp::kEq;
template <> inline constexpr auto kCompareOf<op_ne> = ast::CompareOp::kNe;
template <> inline constexpr auto kCompareOf<op_lt> = ast::CompareOp::kLt;
template <> inline constexpr auto kCompareOf<op_le> = ast::CompareOp::kLe;
template <> inline constexpr auto kCompareOf<op_gt> = ast::CompareOp::kGt;
template <> inline constexpr auto kCompareOf<op_ge> = ast::CompareOp::kGe;

template <typename Op>
struct reduce_arithmetic {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        builder.ReduceBinary(ast::ExprKind::kArithmetic, kArithmeticOf<Op>, ast::CompareOp::kEq);
    }
};

template <typename Op>
struct action<product_step<Op>> : reduce_arithmetic<Op> {};
template <typename Op>
struct action<sum_step<Op>> : reduce_arithmetic<Op> {};

template <typename Op>
struct action<comparison<Op>> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        builder.ReduceBinary(ast::ExprKind::kCompare, ast::ArithmeticOp::kAdd, kCompareOf<Op>);
    }
};

template <>
struct action<and_step> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        builder.ReduceChain(ast::ExprKind::kAnd);
    }
};

template <>
struct action<or_step> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        builder.ReduceChain(ast::ExprKind::kOr);
    }
};

// `child of [...]`: recorded, and replaced by a null placeholder so the stack stays balanced.
template <>
struct action<lineage> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        const ast::Span span = SpanOf(in, builder);
        builder.AddIssue(code::kProcessRelationship, "Process relationships are not supported",
                         span);
        builder.PushLiteral(std::monostate{}, span);
    }
};

}  // namespace eql::grammar::detail
