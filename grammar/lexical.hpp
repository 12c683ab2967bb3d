// Lexical rules of EQL: whitespace and comments, keywords, identifiers, strings and numbers.
// This header contains PEGTL rules only. The actions that turn matches into AST nodes are in
// expression_actions.hpp and query_actions.hpp, and the must<> messages are in errors.hpp.
#pragma once

#include <cstddef>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace eql::grammar {

namespace pegtl = tao::pegtl;

// clang-format off

// ---------------------------------------------------------------------------------------------
// Whitespace and comments. skip, block_comment and identifier match by hand: they run at almost
// every position, and loops are several times faster here than the equivalent rule trees.

inline bool IsBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

inline bool IsIdentifierFirst(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
}

inline bool IsIdentifierOther(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

template <typename ParseInput>
bool StartsWithPair(ParseInput& in, char first, char second) {
    return in.size(2) >= 2 && in.peek_char(0) == first && in.peek_char(1) == second;
}

// The `*/` that an open block comment still needs; only its error message is used.
struct block_comment_close : pegtl::string<'*', '/'> {};

// `/* ... */`, nesting as in Elasticsearch's lexer. A depth counter tracks the nesting instead
// of a recursive rule, so that a long run of `/*` cannot exhaust the stack. An unterminated
// comment raises the error of block_comment_close at its opening `/*`.
struct block_comment {
    using rule_t = block_comment;
    using subs_t = pegtl::empty_list;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... states) {
        if (!StartsWithPair(in, '/', '*')) {
            return false;
        }
        {
            auto marker = in.template mark<pegtl::rewind_mode::required>();
            if (SkipToClose(in)) {
                return marker(true);
            }
        }  // the marker rewinds to the opening, where the error is reported
        Control<block_comment_close>::raise(static_cast<const ParseInput&>(in), states...);
    }

private:
    // Consumes the opening `/*` and everything up to its matching `*/`; false at end of input.
    template <typename ParseInput>
    static bool SkipToClose(ParseInput& in) {
        in.bump(2);
        std::size_t depth = 1;
        while (!in.empty()) {
            if (StartsWithPair(in, '*', '/')) {
                in.bump(2);
                if (--depth == 0) {
                    return true;
                }
            } else if (StartsWithPair(in, '/', '*')) {
                in.bump(2);
                ++depth;
            } else {
                in.bump(1);
            }
        }
        return false;
    }
};

// Optional whitespace (space, tab, CR, LF), `// line` comments and block comments: the `_` of
// the grammar summary. Always succeeds.
struct skip {
    using rule_t = skip;
    using subs_t = pegtl::empty_list;

    template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... states) {
        while (!in.empty()) {
            const char c = in.peek_char();
            if (IsBlank(c)) {
                in.bump(1);
            } else if (StartsWithPair(in, '/', '/')) {
                while (!in.empty() && in.peek_char() != '\r' && in.peek_char() != '\n') {
                    in.bump(1);
                }
            } else if (!block_comment::match<A, M, Action, Control>(in, states...)) {
                break;
            }
        }
        return true;
    }
};

// ---------------------------------------------------------------------------------------------
// Keywords: lower case and case-sensitive, and never followed by an identifier character.

struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_any : TAO_PEGTL_KEYWORD("any") {};
struct kw_by : TAO_PEGTL_KEYWORD("by") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_join : TAO_PEGTL_KEYWORD("join") {};
struct kw_like : TAO_PEGTL_KEYWORD("like") {};
struct kw_maxspan : TAO_PEGTL_KEYWORD("maxspan") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_null : TAO_PEGTL_KEYWORD("null") {};
struct kw_of : TAO_PEGTL_KEYWORD("of") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_regex : TAO_PEGTL_KEYWORD("regex") {};
struct kw_sample : TAO_PEGTL_KEYWORD("sample") {};
struct kw_sequence : TAO_PEGTL_KEYWORD("sequence") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_until : TAO_PEGTL_KEYWORD("until") {};
struct kw_where : TAO_PEGTL_KEYWORD("where") {};
struct kw_with : TAO_PEGTL_KEYWORD("with") {};

// The reserved words of Elasticsearch's lexer, the same words as the kw_ rules above. `in~`,
// `like~` and `regex~` need no entry because '~' is not an identifier character. `runs` and
// pipe names are not reserved.
inline constexpr std::string_view kReservedWords[] = {
    "and",    "any",      "by",   "false", "in",    "join",  "like",  "maxspan", "not", "null",
    "of",     "or",       "regex", "sample", "sequence", "true", "until", "where", "with"};

inline bool IsReservedWord(std::string_view word) {
    for (const std::string_view reserved : kReservedWords) {
        if (word == reserved) {
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

// An ASCII letter, '_' or '@', then letters, digits and '_'; never a reserved word.
struct identifier {
    using rule_t = identifier;
    using subs_t = pegtl::empty_list;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... /*unused*/) {
        if (in.empty() || !IsIdentifierFirst(in.peek_char())) {
            return false;
        }
        std::size_t length = 1;
        while (in.size(length + 1) > length && IsIdentifierOther(in.peek_char(length))) {
            ++length;
        }
        if (IsReservedWord(std::string_view(in.current(), length))) {
            return false;
        }
        in.bump(length);
        return true;
    }
};

struct backquote_close : pegtl::one<'`'> {};

// `` `any text` ``, where a doubled backquote stands for one backquote.
struct quoted_identifier
    : pegtl::seq<pegtl::one<'`'>,
                 pegtl::star<pegtl::sor<pegtl::two<'`'>, pegtl::not_one<'`'>>>,
                 pegtl::must<backquote_close>> {};

// ---------------------------------------------------------------------------------------------
// Numbers: no sign (unary minus is an operator), no hexadecimal, `1.` and `.5` allowed.

struct digits : pegtl::plus<pegtl::digit> {};
struct exponent : pegtl::seq<pegtl::one<'e', 'E'>, pegtl::opt<pegtl::one<'+', '-'>>, digits> {};
struct decimal_number
    : pegtl::sor<pegtl::seq<digits, pegtl::one<'.'>, pegtl::star<pegtl::digit>,
                            pegtl::opt<exponent>>,
                 pegtl::seq<pegtl::one<'.'>, digits, pegtl::opt<exponent>>,
                 pegtl::seq<digits, exponent>> {};
struct integer_number : digits {};
struct number : pegtl::sor<decimal_number, integer_number> {};

// ---------------------------------------------------------------------------------------------
// Strings. Every form is one token, decoded by the string action.

struct eol_char : pegtl::one<'\r', '\n'> {};

// `"""raw"""`: single-line, taken literally, and one or two quotes right after the closing
// `"""` still belong to the text.
struct raw_string_close
    : pegtl::seq<pegtl::three<'"'>, pegtl::opt<pegtl::one<'"'>>, pegtl::opt<pegtl::one<'"'>>> {};
struct raw_string
    : pegtl::seq<pegtl::three<'"'>,
                 pegtl::star<pegtl::not_at<pegtl::three<'"'>>, pegtl::not_one<'\r', '\n'>>,
                 pegtl::must<raw_string_close>> {};

struct escape_char : pegtl::one<'b', 't', 'n', 'f', 'r', '"', '\'', '\\'> {};
// `\u{H...}` takes any number of hex digits here; the builder enforces 2 to 8.
struct unicode_escape
    : pegtl::seq<pegtl::one<'u'>, pegtl::one<'{'>, pegtl::plus<pegtl::xdigit>, pegtl::one<'}'>> {};
struct escape_sequence : pegtl::seq<pegtl::one<'\\'>, pegtl::sor<escape_char, unicode_escape>> {};
// Always fails, so that must<> reports a bad escape at its backslash.
struct invalid_escape : pegtl::failure {};

template <char Quote>
struct quoted_char
    : pegtl::sor<escape_sequence,
                 pegtl::seq<pegtl::at<pegtl::one<'\\'>>, pegtl::must<invalid_escape>>,
                 pegtl::not_one<Quote, '\\', '\r', '\n'>> {};

struct double_quote_close : pegtl::one<'"'> {};
struct dq_string
    : pegtl::seq<pegtl::one<'"'>, pegtl::star<quoted_char<'"'>>,
                 pegtl::must<double_quote_close>> {};

// Rejected forms, parsed only so that the builder can give Elasticsearch's message.
struct single_quote_close : pegtl::one<'\''> {};
struct sq_string
    : pegtl::seq<pegtl::one<'\''>, pegtl::star<quoted_char<'\''>>,
                 pegtl::must<single_quote_close>> {};
struct question_dq_string
    : pegtl::seq<pegtl::string<'?', '"'>,
                 pegtl::star<pegtl::sor<pegtl::string<'\\', '"'>, pegtl::not_one<'"', '\r', '\n'>>>,
                 pegtl::must<double_quote_close>> {};
struct question_sq_string
    : pegtl::seq<pegtl::string<'?', '\''>,
                 pegtl::star<pegtl::sor<pegtl::string<'\\', '\''>,
                                        pegtl::not_one<'\'', '\r', '\n'>>>,
                 pegtl::must<single_quote_close>> {};

struct string_literal
    : pegtl::sor<raw_string, dq_string, sq_string, question_dq_string, question_sq_string> {};

// clang-format on

}  // namespace eql::grammar

namespace tao::pegtl {

// The rules that match by hand: block_comment and identifier consume input whenever they
// succeed, and skip may succeed without consuming.
template <typename Name>
struct analyze_traits<Name, eql::grammar::block_comment> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, eql::grammar::identifier> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, eql::grammar::skip> : analyze_opt_traits<> {};

}  // namespace tao::pegtl
