// Query rules of EQL: the event query, sequences (header `by` and `with maxspan=`, stages with
// their own `by` and `with runs=`, `![` missing stages, `until`), samples, and `join`, which
// Elasticsearch parses and then rejects. `statement` is the whole grammar, pipes included.
#pragma once

#include "grammar/expression.hpp"
#include "grammar/pipe.hpp"

namespace eql::grammar {

// clang-format off

// ---------------------------------------------------------------------------------------------
// Event filter: `category where condition`

struct any_category : kw_any {};
struct category_string : string_literal {};
struct category_name : identifier {};
struct event_category : pegtl::sor<any_category, category_string, category_name> {};
struct where_keyword : kw_where {};
struct condition : pegtl::seq<expression> {};
struct event_filter
    : pegtl::seq<event_category, skip, pegtl::must<where_keyword>, skip,
                 pegtl::must<condition>> {};

struct event_query : pegtl::seq<event_filter> {};

// ---------------------------------------------------------------------------------------------
// Stages: `[ filter ]` or `![ filter ]`

struct stage_open : pegtl::one<'['> {};
// '!' and '[' form one token; `! [` is not a missing stage.
struct missing_stage_open : pegtl::string<'!', '['> {};
struct stage_filter : pegtl::seq<event_filter> {};
struct subquery_close : pegtl::one<']'> {};
struct subquery
    : pegtl::seq<pegtl::sor<missing_stage_open, stage_open>, skip, pegtl::must<stage_filter>,
                 skip, pegtl::must<subquery_close>> {};

// `child of [...]`: parsed without actions, since only its presence matters.
struct lineage_subquery : pegtl::disable<subquery> {};

// ---------------------------------------------------------------------------------------------
// Join keys: `by expr, expr`. The builder rejects keys that are not field references.

struct join_key : pegtl::seq<expression> {};
struct join_next_key : pegtl::seq<expression> {};
struct join_keys
    : pegtl::seq<kw_by, skip, pegtl::must<join_key>,
                 pegtl::star<skip, pegtl::one<','>, skip, pegtl::must<join_next_key>>> {};

struct stage_keys : join_keys {};
struct sequence_keys : join_keys {};
struct late_sequence_keys : join_keys {};  // `with maxspan=... by ...`: parsed, then rejected
struct sample_keys : join_keys {};
struct join_query_keys : join_keys {};

// ---------------------------------------------------------------------------------------------
// Sequence

// `=` alone, so that `maxspan==5m` does not read as `maxspan=` and `=5m`.
struct assign : pegtl::seq<pegtl::one<'='>, pegtl::not_at<pegtl::one<'='>>> {};

struct maxspan_keyword : kw_maxspan {};
struct maxspan_assign : assign {};
struct time_number : number {};
struct time_unit : identifier {};
// A number and an optional unit; the builder checks both against Elasticsearch's rules.
struct time_value : pegtl::seq<time_number, pegtl::opt<skip, time_unit>> {};
struct maxspan
    : pegtl::seq<kw_with, skip, pegtl::must<maxspan_keyword>, skip, pegtl::must<maxspan_assign>,
                 skip, pegtl::must<time_value>> {};

struct sequence_header
    : pegtl::sor<pegtl::seq<sequence_keys, pegtl::opt<skip, maxspan>>,
                 pegtl::seq<maxspan, pegtl::opt<skip, late_sequence_keys>>> {};

// `with runs=N` after a stage. Any option name parses; the builder accepts only `runs`.
struct stage_option_name : identifier {};
struct misplaced_maxspan : pegtl::failure {};
struct runs_assign : assign {};
struct runs_value : number {};
struct stage_option
    : pegtl::seq<kw_with, skip,
                 pegtl::sor<pegtl::seq<pegtl::at<kw_maxspan>, pegtl::must<misplaced_maxspan>>,
                            pegtl::must<stage_option_name>>,
                 skip, pegtl::must<runs_assign>, skip, pegtl::must<runs_value>> {};

struct sequence_stage
    : pegtl::seq<subquery, pegtl::opt<skip, stage_keys>, pegtl::opt<skip, stage_option>> {};
struct first_sequence_stage : pegtl::seq<sequence_stage> {};
struct until_stage : sequence_stage {};
struct until_clause : pegtl::seq<kw_until, skip, pegtl::must<until_stage>> {};

struct sequence_keyword : kw_sequence {};
struct sequence
    : pegtl::seq<sequence_keyword, skip, pegtl::opt<sequence_header, skip>,
                 pegtl::must<first_sequence_stage>, pegtl::star<skip, sequence_stage>,
                 pegtl::opt<skip, until_clause>> {};

// ---------------------------------------------------------------------------------------------
// Sample and join

struct sample_stage : pegtl::seq<subquery, pegtl::opt<skip, stage_keys>> {};
struct first_sample_stage : pegtl::seq<sample_stage> {};
struct sample_keyword : kw_sample {};
struct sample
    : pegtl::seq<sample_keyword, skip, pegtl::opt<sample_keys, skip>,
                 pegtl::must<first_sample_stage>, pegtl::star<skip, sample_stage>> {};

struct first_join_stage : pegtl::seq<sample_stage> {};
struct join_until_stage : sample_stage {};
struct join_until_clause : pegtl::seq<kw_until, skip, pegtl::must<join_until_stage>> {};
struct join_keyword : kw_join {};
struct join
    : pegtl::seq<join_keyword, skip, pegtl::opt<join_query_keys, skip>,
                 pegtl::must<first_join_stage>, pegtl::star<skip, sample_stage>,
                 pegtl::opt<skip, join_until_clause>> {};

// ---------------------------------------------------------------------------------------------
// Statement: one query, then pipes, then the end of the text. Each query kind has its own end
// rule so that the message after it names what could have continued that query.

struct end_after_event_query : pegtl::eof {};
struct end_after_sequence : pegtl::eof {};
struct end_after_sample : pegtl::eof {};
struct end_after_join : pegtl::eof {};
struct end_after_pipe : pegtl::eof {};
struct query_expected : pegtl::failure {};

template <typename End>
struct query_end
    : pegtl::sor<pegtl::seq<pipe, pegtl::star<skip, pipe>, skip, pegtl::must<end_after_pipe>>,
                 pegtl::must<End>> {};

struct statement
    : pegtl::seq<skip,
                 pegtl::sor<pegtl::seq<sequence, skip, query_end<end_after_sequence>>,
                            pegtl::seq<sample, skip, query_end<end_after_sample>>,
                            pegtl::seq<join, skip, query_end<end_after_join>>,
                            pegtl::seq<event_query, skip, query_end<end_after_event_query>>,
                            pegtl::must<query_expected>>> {};

// clang-format on

}  // namespace eql::grammar
