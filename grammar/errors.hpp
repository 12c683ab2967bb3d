// Every syntax error message of the grammar, one line per must<> point, and the PEGTL control
// that raises them. A must<> on a rule without a line here fails to compile. Also the stable
// diagnostic codes of the checks the AST builder makes after a rule has matched.
#pragma once

#include "grammar/query.hpp"

namespace eql::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off

// Lexical
template <> inline constexpr auto error_message<block_comment_close> =
    "expected '*/' to close the block comment";
template <> inline constexpr auto error_message<backquote_close> =
    "expected '`' to close the quoted field name";
template <> inline constexpr auto error_message<raw_string_close> =
    "expected '\"\"\"' to close the raw string on the same line";
template <> inline constexpr auto error_message<invalid_escape> =
    "invalid escape sequence in string; write '\\\\' for a literal backslash";
template <> inline constexpr auto error_message<double_quote_close> =
    "expected '\"' to close the string on the same line";
template <> inline constexpr auto error_message<single_quote_close> =
    "expected a closing single quote on the same line";

// Fields, calls and parentheses
template <> inline constexpr auto error_message<segment_after_dot> =
    "expected a field name after '.'";
template <> inline constexpr auto error_message<index_close> =
    "expected ']' to close the array index";
template <> inline constexpr auto error_message<field_after_question> =
    "expected a field name after '?'";
template <> inline constexpr auto error_message<call_first_argument> =
    "expected an argument or ')' after '('";
template <> inline constexpr auto error_message<call_next_argument> =
    "expected an argument after ','";
template <> inline constexpr auto error_message<call_close_after_argument> =
    "expected ',' or ')' after the function argument";
template <> inline constexpr auto error_message<paren_expression> =
    "expected an expression after '('";
template <> inline constexpr auto error_message<paren_close> =
    "expected ')' to close the parenthesized expression";

// Predicates
template <> inline constexpr auto error_message<pattern_value<op_colon>> =
    "expected a constant or a list of constants after ':'";
template <> inline constexpr auto error_message<pattern_value<op_like_insensitive>> =
    "expected a constant or a list of constants after 'like~'";
template <> inline constexpr auto error_message<pattern_value<op_like>> =
    "expected a constant or a list of constants after 'like'";
template <> inline constexpr auto error_message<pattern_value<op_regex_insensitive>> =
    "expected a constant or a list of constants after 'regex~'";
template <> inline constexpr auto error_message<pattern_value<op_regex>> =
    "expected a constant or a list of constants after 'regex'";
template <> inline constexpr auto error_message<pattern_first_constant> =
    "expected a constant after '('";
template <> inline constexpr auto error_message<pattern_next_constant> =
    "expected a constant after ','";
template <> inline constexpr auto error_message<pattern_list_close> =
    "expected ',' or ')' in the list of constants";
template <> inline constexpr auto error_message<in_list<op_in_insensitive>> =
    "expected '(' after 'in~'";
template <> inline constexpr auto error_message<in_list<op_in>> = "expected '(' after 'in'";
template <> inline constexpr auto error_message<in_first_value> = "expected a value after '('";
template <> inline constexpr auto error_message<in_next_value> = "expected a value after ','";
template <> inline constexpr auto error_message<in_list_close> =
    "expected ',' or ')' in the list of values";
template <> inline constexpr auto error_message<in_after_not> =
    "expected 'in' or 'in~' after 'not'";

// Arithmetic and comparison
template <> inline constexpr auto error_message<signed_operand> = "expected a value after the sign";
template <> inline constexpr auto error_message<product_operand<op_multiply>> =
    "expected a value after '*'";
template <> inline constexpr auto error_message<product_operand<op_divide>> =
    "expected a value after '/'";
template <> inline constexpr auto error_message<product_operand<op_modulo>> =
    "expected a value after '%'";
template <> inline constexpr auto error_message<sum_operand<op_plus>> =
    "expected a value after '+'";
template <> inline constexpr auto error_message<sum_operand<op_minus>> =
    "expected a value after '-'";
template <> inline constexpr auto error_message<comparison_operand<op_eq>> =
    "expected a value after '=='";
template <> inline constexpr auto error_message<comparison_operand<op_ne>> =
    "expected a value after '!='";
template <> inline constexpr auto error_message<comparison_operand<op_le>> =
    "expected a value after '<='";
template <> inline constexpr auto error_message<comparison_operand<op_ge>> =
    "expected a value after '>='";
template <> inline constexpr auto error_message<comparison_operand<op_lt>> =
    "expected a value after '<'";
template <> inline constexpr auto error_message<comparison_operand<op_gt>> =
    "expected a value after '>'";
template <> inline constexpr auto error_message<single_equals> =
    "expected '==' to compare values, not '='";
template <> inline constexpr auto error_message<bang_colon> =
    "'!:' is not an operator; write 'not field : value' instead";
template <> inline constexpr auto error_message<chained_comparison> =
    "comparisons cannot be chained; combine them with 'and'";

// Boolean operators
template <> inline constexpr auto error_message<negated_condition> =
    "expected a condition after 'not'";
template <> inline constexpr auto error_message<lineage_subquery> = "expected '[' after 'of'";
template <> inline constexpr auto error_message<and_operand> = "expected a condition after 'and'";
template <> inline constexpr auto error_message<or_operand> = "expected a condition after 'or'";

// Event filters and stages
template <> inline constexpr auto error_message<where_keyword> =
    "expected 'where' after the event category";
template <> inline constexpr auto error_message<condition> = "expected a condition after 'where'";
template <> inline constexpr auto error_message<stage_filter> =
    "expected an event category or 'any' after '['";
template <> inline constexpr auto error_message<subquery_close> =
    "expected ']' to close the subquery";
template <> inline constexpr auto error_message<join_key> = "expected a field after 'by'";
template <> inline constexpr auto error_message<join_next_key> = "expected a field after ','";

// Sequence, sample and join
template <> inline constexpr auto error_message<maxspan_keyword> =
    "expected 'maxspan' after 'with'";
template <> inline constexpr auto error_message<maxspan_assign> = "expected '=' after 'maxspan'";
template <> inline constexpr auto error_message<time_value> =
    "expected a time value such as '5m' after 'maxspan='";
template <> inline constexpr auto error_message<misplaced_maxspan> =
    "expected 'runs' after 'with'; 'with maxspan=' goes before the first stage";
template <> inline constexpr auto error_message<stage_option_name> = "expected 'runs' after 'with'";
template <> inline constexpr auto error_message<runs_assign> = "expected '=' after 'runs'";
template <> inline constexpr auto error_message<runs_value> = "expected a number after 'runs='";
template <> inline constexpr auto error_message<first_sequence_stage> =
    "expected '[' to start a sequence stage";
template <> inline constexpr auto error_message<until_stage> = "expected '[' after 'until'";
template <> inline constexpr auto error_message<first_sample_stage> =
    "expected '[' to start a sample stage";
template <> inline constexpr auto error_message<first_join_stage> =
    "expected '[' to start a join stage";
template <> inline constexpr auto error_message<join_until_stage> = "expected '[' after 'until'";

// Pipes and the end of the query
template <> inline constexpr auto error_message<pipe_name> =
    "expected a pipe name such as 'head' or 'tail' after '|'";
template <> inline constexpr auto error_message<pipe_next_argument> =
    "expected an argument after ','";
template <> inline constexpr auto error_message<end_after_event_query> =
    "expected an operator, '|' or the end of the query";
template <> inline constexpr auto error_message<end_after_sequence> =
    "expected '[' to start a stage, 'until', '|' or the end of the query";
template <> inline constexpr auto error_message<end_after_sample> =
    "expected '[' to start a stage or the end of the query";
template <> inline constexpr auto error_message<end_after_join> =
    "expected '[' to start a stage, 'until' or the end of the query";
template <> inline constexpr auto error_message<end_after_pipe> =
    "expected an operator, ',', '|' or the end of the query";
template <> inline constexpr auto error_message<query_expected> =
    "expected an event category, 'any', 'sequence' or 'sample' to start the query";

// clang-format on

// Raises the table's message for a failed must<> point, at the position where it failed.
template <typename Rule>
struct control : pegtl::normal<Rule> {
    template <typename ParseInput, typename... States>
    [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
        static_assert(error_message<Rule> != nullptr,
                      "every must<> point needs an error_message in grammar/errors.hpp");
        throw pegtl::parse_error(error_message<Rule>, in);
    }
};

// Diagnostic codes. PEG failures all use kSyntax; each check of the AST builder has its own.
namespace code {

inline constexpr const char* kSyntax = "syntax";
inline constexpr const char* kQueryTooLong = "query-too-long";
inline constexpr const char* kInvalidUtf8 = "invalid-utf8";
inline constexpr const char* kNestingLimit = "nesting-limit";

// Literals and fields
inline constexpr const char* kInvalidUnicodeEscape = "invalid-unicode-escape";
inline constexpr const char* kSingleQuotedString = "single-quoted-string";
inline constexpr const char* kQuestionMarkString = "question-mark-string";
inline constexpr const char* kArrayIndex = "array-index";
inline constexpr const char* kProcessRelationship = "process-relationship";

// Join keys and stages
inline constexpr const char* kUnsupportedJoinKey = "unsupported-join-key";
inline constexpr const char* kJoinKeyCount = "join-key-count";
inline constexpr const char* kByAfterWith = "by-after-with";
inline constexpr const char* kMaxspanWithoutUnit = "maxspan-without-unit";
inline constexpr const char* kMaxspanDecimal = "maxspan-decimal";
inline constexpr const char* kMaxspanNotPositive = "maxspan-not-positive";
inline constexpr const char* kMaxspanUnknownUnit = "maxspan-unknown-unit";
inline constexpr const char* kMaxspanTooLarge = "maxspan-too-large";
inline constexpr const char* kUnknownStageOption = "unknown-stage-option";
inline constexpr const char* kRunsOutOfRange = "runs-out-of-range";
inline constexpr const char* kRunsOnUntil = "runs-on-until";
inline constexpr const char* kTooFewStages = "too-few-stages";
inline constexpr const char* kNoPositiveStage = "no-positive-stage";
inline constexpr const char* kMissingStageWithoutMaxspan = "missing-stage-without-maxspan";
inline constexpr const char* kMissingUntil = "missing-until";
inline constexpr const char* kMissingStageOutsideSequence = "missing-stage-outside-sequence";

// Pipes
inline constexpr const char* kUnknownPipe = "unknown-pipe";
inline constexpr const char* kUnsupportedPipe = "unsupported-pipe";
inline constexpr const char* kPipeArgumentCount = "pipe-argument-count";
inline constexpr const char* kPipeArgument = "pipe-argument";
inline constexpr const char* kPipeAfterSample = "pipe-after-sample";

}  // namespace code

}  // namespace eql::grammar
