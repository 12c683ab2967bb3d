// Expression rules of EQL, from literals and fields up to `or`, with Elasticsearch's
// precedence: predicates bind to one term, then unary signs, `* / %`, `+ -`, one comparison,
// `not`, `and`, `or`. Every operator is followed by a must<> point, so once an operator has
// matched, the parse either completes that operand or reports an error right there. The
// actions in expression_actions.hpp rely on this: no rule with an action is ever backtracked over.
#pragma once

#include "grammar/lexical.hpp"

namespace eql::grammar {

// clang-format off

// A full expression. Parentheses, function arguments, list elements, join keys and pipe
// arguments all nest through this rule, and the nesting limit is counted on it.
struct expression;

// The subquery of a rejected `child of [...]`; defined in query.hpp.
struct lineage_subquery;

// ---------------------------------------------------------------------------------------------
// Constants

struct null_literal : kw_null {};
struct true_literal : kw_true {};
struct false_literal : kw_false {};
struct number_literal : number {};
struct string_constant : string_literal {};
struct constant : pegtl::sor<null_literal, true_literal, false_literal, number_literal,
                             string_constant> {};

// ---------------------------------------------------------------------------------------------
// Field references: `a.b.c`, `?a.b`, `` a.`b-c` ``; `a[0]` parses only to be rejected.

struct path_identifier : identifier {};
struct path_quoted : quoted_identifier {};
struct path_segment : pegtl::sor<path_identifier, path_quoted> {};
struct segment_after_dot : path_segment {};
struct dotted_segment : pegtl::seq<skip, pegtl::one<'.'>, skip, pegtl::must<segment_after_dot>> {};

struct index_close : pegtl::one<']'> {};
// Only `[` followed by digits is an index, so that `by user.name [process where ...]` still
// opens the next stage.
struct array_index
    : pegtl::seq<skip, pegtl::at<pegtl::one<'['>, skip, pegtl::digit>, pegtl::one<'['>, skip,
                 digits, skip, pegtl::must<index_close>> {};

struct field_path
    : pegtl::seq<path_segment, pegtl::star<pegtl::sor<dotted_segment, array_index>>> {};
struct optional_mark : pegtl::one<'?'> {};
struct field_after_question : field_path {};
struct field : pegtl::sor<pegtl::seq<optional_mark, skip, pegtl::must<field_after_question>>,
                          field_path> {};

// ---------------------------------------------------------------------------------------------
// Function calls: `name(...)` or `name~(...)`, the '~' glued to the name.

struct function_name : pegtl::seq<identifier, pegtl::opt<pegtl::one<'~'>>> {};
struct call_open : pegtl::seq<function_name, skip, pegtl::one<'('>> {};
struct call_close : pegtl::one<')'> {};
struct call_first_argument : pegtl::seq<expression> {};
struct call_next_argument : pegtl::seq<expression> {};
struct call_close_after_argument : pegtl::one<')'> {};
struct call_arguments
    : pegtl::seq<pegtl::must<call_first_argument>,
                 pegtl::star<skip, pegtl::one<','>, skip, pegtl::must<call_next_argument>>,
                 skip, pegtl::must<call_close_after_argument>> {};
struct call : pegtl::seq<call_open, skip, pegtl::sor<call_close, call_arguments>> {};

// ---------------------------------------------------------------------------------------------
// Parentheses

struct paren_expression : pegtl::seq<expression> {};
struct paren_close : pegtl::one<')'> {};
struct parenthesized
    : pegtl::seq<pegtl::one<'('>, skip, pegtl::must<paren_expression>, skip,
                 pegtl::must<paren_close>> {};

struct primary : pegtl::sor<constant, call, field, parenthesized> {};

// ---------------------------------------------------------------------------------------------
// Predicates on one term: `:`, `like`, `regex` with a constant or a list of constants, and
// `in` with a list of expressions. The `~` forms come first because `like` alone would match
// the start of `like~`.

struct op_colon : pegtl::one<':'> {};
struct op_like_insensitive : TAO_PEGTL_STRING("like~") {};
struct op_like : kw_like {};
struct op_regex_insensitive : TAO_PEGTL_STRING("regex~") {};
struct op_regex : kw_regex {};
struct op_in_insensitive : TAO_PEGTL_STRING("in~") {};
struct op_in : kw_in {};

struct pattern_first_constant : constant {};
struct pattern_next_constant : constant {};
struct pattern_list_close : pegtl::one<')'> {};
struct pattern_list
    : pegtl::seq<pegtl::one<'('>, skip, pegtl::must<pattern_first_constant>,
                 pegtl::star<skip, pegtl::one<','>, skip, pegtl::must<pattern_next_constant>>,
                 skip, pegtl::must<pattern_list_close>> {};
template <typename Op>
struct pattern_value : pegtl::sor<pattern_list, constant> {};
template <typename Op>
struct pattern_predicate : pegtl::seq<Op, skip, pegtl::must<pattern_value<Op>>> {};

struct in_first_value : pegtl::seq<expression> {};
struct in_next_value : pegtl::seq<expression> {};
struct in_list_close : pegtl::one<')'> {};
template <typename Op>
struct in_list
    : pegtl::seq<pegtl::one<'('>, skip, pegtl::must<in_first_value>,
                 pegtl::star<skip, pegtl::one<','>, skip, pegtl::must<in_next_value>>,
                 skip, pegtl::must<in_list_close>> {};
template <typename Op>
struct in_predicate : pegtl::seq<Op, skip, pegtl::must<in_list<Op>>> {};

struct predicate_not : kw_not {};
struct in_after_not
    : pegtl::sor<in_predicate<op_in_insensitive>, in_predicate<op_in>> {};
struct not_in_predicate : pegtl::seq<predicate_not, skip, pegtl::must<in_after_not>> {};

struct predicate
    : pegtl::sor<not_in_predicate,
                 in_predicate<op_in_insensitive>, in_predicate<op_in>,
                 pattern_predicate<op_colon>,
                 pattern_predicate<op_like_insensitive>, pattern_predicate<op_like>,
                 pattern_predicate<op_regex_insensitive>, pattern_predicate<op_regex>> {};

struct postfix : pegtl::seq<primary, pegtl::opt<skip, predicate>> {};

// ---------------------------------------------------------------------------------------------
// Unary signs, matched as a repetition rather than by recursion.

struct unary_sign : pegtl::one<'-', '+'> {};
struct sign_prefix : pegtl::plus<unary_sign, skip> {};
struct signed_operand : postfix {};
struct signed_value : pegtl::seq<sign_prefix, pegtl::must<signed_operand>> {};
struct unary : pegtl::sor<signed_value, postfix> {};

// ---------------------------------------------------------------------------------------------
// Arithmetic, left-associative.

struct op_multiply : pegtl::one<'*'> {};
struct op_divide : pegtl::one<'/'> {};
struct op_modulo : pegtl::one<'%'> {};
template <typename Op>
struct product_operand : unary {};
template <typename Op>
struct product_step : pegtl::seq<Op, skip, pegtl::must<product_operand<Op>>> {};
struct product
    : pegtl::seq<unary, pegtl::star<skip, pegtl::sor<product_step<op_multiply>,
                                                     product_step<op_divide>,
                                                     product_step<op_modulo>>>> {};

struct op_plus : pegtl::one<'+'> {};
struct op_minus : pegtl::one<'-'> {};
template <typename Op>
struct sum_operand : product {};
template <typename Op>
struct sum_step : pegtl::seq<Op, skip, pegtl::must<sum_operand<Op>>> {};
struct sum : pegtl::seq<product, pegtl::star<skip, pegtl::sor<sum_step<op_plus>,
                                                             sum_step<op_minus>>>> {};

// ---------------------------------------------------------------------------------------------
// Comparison: at most one per operand of `not`, `and` and `or`.

struct op_eq : pegtl::two<'='> {};
struct op_ne : pegtl::string<'!', '='> {};
struct op_le : pegtl::string<'<', '='> {};
struct op_ge : pegtl::string<'>', '='> {};
struct op_lt : pegtl::one<'<'> {};
struct op_gt : pegtl::one<'>'> {};
struct comparison_operator : pegtl::sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt> {};

template <typename Op>
struct comparison_operand : sum {};
template <typename Op>
struct comparison : pegtl::seq<Op, skip, pegtl::must<comparison_operand<Op>>> {};

// These always fail: must<> on them reports a common mistake at the spot.
struct single_equals : pegtl::failure {};
struct bang_colon : pegtl::failure {};
struct chained_comparison : pegtl::failure {};

struct comparison_tail
    : pegtl::sor<comparison<op_eq>, comparison<op_ne>, comparison<op_le>, comparison<op_ge>,
                 comparison<op_lt>, comparison<op_gt>,
                 pegtl::seq<pegtl::at<pegtl::one<'='>>, pegtl::must<single_equals>>,
                 pegtl::seq<pegtl::at<pegtl::string<'!', ':'>>, pegtl::must<bang_colon>>> {};
struct comparison_after_comparison
    : pegtl::seq<skip, pegtl::at<pegtl::sor<comparison_operator, pegtl::one<'='>>>,
                 pegtl::must<chained_comparison>> {};
struct compare
    : pegtl::seq<sum, pegtl::opt<skip, comparison_tail,
                                 pegtl::opt<comparison_after_comparison>>> {};

// ---------------------------------------------------------------------------------------------
// Boolean operators. `not` repeats without recursion; `x of [...]` is a rejected lineage test.

struct not_keyword : kw_not {};
struct not_prefix : pegtl::plus<not_keyword, skip> {};
struct lineage_head : pegtl::seq<identifier, skip, kw_of> {};
struct lineage : pegtl::seq<lineage_head, skip, pegtl::must<lineage_subquery>> {};
struct negated_condition : pegtl::sor<lineage, compare> {};
struct negation : pegtl::seq<not_prefix, pegtl::must<negated_condition>> {};
struct not_expression : pegtl::sor<negation, lineage, compare> {};

struct and_operand : not_expression {};
struct and_step : pegtl::seq<kw_and, skip, pegtl::must<and_operand>> {};
struct and_expression : pegtl::seq<not_expression, pegtl::star<skip, and_step>> {};

struct or_operand : and_expression {};
struct or_step : pegtl::seq<kw_or, skip, pegtl::must<or_operand>> {};
struct or_expression : pegtl::seq<and_expression, pegtl::star<skip, or_step>> {};

struct expression : or_expression {};

// clang-format on

}  // namespace eql::grammar
