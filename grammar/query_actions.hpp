// Grammar actions for queries: event filters, stages and their keys, sequence, sample and join
// headers, and pipes. They fill the Builder's scratch filter and stage, move them into the
// query when a rule completes, and run the builder checks. Included by parse.cpp only.
#pragma once

#include <string>
#include <utility>

#include "grammar/actions.hpp"
#include "grammar/builder_checks.hpp"
#include "grammar/errors.hpp"

namespace eql::grammar::detail {

// ---------------------------------------------------------------------------------------------
// Event filters

template <>
struct action<any_category> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.filter = ast::EventFilter{};
        builder.filter.any = true;
        builder.filter.category_span = SpanOf(in, builder);
    }
};

template <>
struct action<category_name> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.filter = ast::EventFilter{};
        builder.filter.category = in.string();
        builder.filter.category_span = SpanOf(in, builder);
    }
};

template <>
struct action<category_string> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.filter = ast::EventFilter{};
        builder.filter.category_span = SpanOf(in, builder);
        builder.filter.category = DecodeString(builder, builder.filter.category_span);
    }
};

template <>
struct action<event_filter> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.filter.condition = builder.Pop().expr;
        builder.filter.span = SpanOf(in, builder);
    }
};

template <>
struct action<event_query> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.query.kind = ast::QueryKind::kEvent;
        builder.query.event = std::move(builder.filter);
        builder.query.span = SpanOf(in, builder);
    }
};

// ---------------------------------------------------------------------------------------------
// Stages

template <bool Missing>
struct open_stage {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.stage = ast::Stage{};
        builder.stage.missing = Missing;
        builder.stage.span.begin = builder.Offset(in.begin());
    }
};

template <>
struct action<stage_open> : open_stage<false> {};
template <>
struct action<missing_stage_open> : open_stage<true> {};

template <>
struct action<subquery> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.stage.filter = std::move(builder.filter);
        builder.stage.span = SpanOf(in, builder);
    }
};

template <>
struct action<stage_option_name> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.stage_option = in.string();
        builder.stage_option_span = SpanOf(in, builder);
    }
};

template <>
struct action<runs_value> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        const ast::Span span = SpanOf(in, builder);
        builder.stage.runs =
            ParseRuns(builder, builder.stage_option, builder.stage_option_span, span);
        builder.stage.runs_span = span;
    }
};

// Appends the finished scratch stage to `stages`, checking its key count against the first.
inline void AppendStage(Builder& builder, std::vector<ast::Stage>& stages) {
    if (!stages.empty()) {
        CheckKeyCount(builder, stages.front(), builder.stage);
    }
    stages.push_back(std::move(builder.stage));
    builder.stage = ast::Stage{};
}

inline void SetUntil(Builder& builder, const std::vector<ast::Stage>& stages,
                     std::optional<ast::Stage>& until) {
    if (!stages.empty()) {
        CheckKeyCount(builder, stages.front(), builder.stage);
    }
    until = std::move(builder.stage);
    builder.stage = ast::Stage{};
}

template <>
struct action<sequence_stage> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        AppendStage(builder, builder.query.sequence.stages);
    }
};

template <>
struct action<until_stage> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        SetUntil(builder, builder.query.sequence.stages, builder.query.sequence.until);
    }
};

template <>
struct action<sample_stage> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        AppendStage(builder, builder.query.sample.stages);
    }
};

template <>
struct action<join_until_stage> {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        SetUntil(builder, builder.query.sample.stages, builder.query.sample.until);
    }
};

// ---------------------------------------------------------------------------------------------
// Join keys: each key expression must be a field reference.

struct take_join_key {
    template <typename Input>
    static void apply(const Input& /*in*/, Builder& builder) {
        ExprEntry entry = builder.Pop();
        if (entry.expr->kind == ast::ExprKind::kField) {
            builder.keys.push_back(std::move(entry.expr->field));
            return;
        }
        builder.AddIssue(code::kUnsupportedJoinKey, "Unsupported join key", entry.expr->span);
    }
};

template <>
struct action<join_key> : take_join_key {};
template <>
struct action<join_next_key> : take_join_key {};

// Moves the keys just read to the member that `Target` names.
template <typename Target>
struct store_keys {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        auto [keys, span] = Target::Of(builder);
        *keys = std::move(builder.keys);
        *span = SpanOf(in, builder);
        builder.keys.clear();
    }
};

struct stage_key_target {
    static auto Of(Builder& b) { return std::pair(&b.stage.keys, &b.stage.keys_span); }
};
struct sequence_key_target {
    static auto Of(Builder& b) {
        return std::pair(&b.query.sequence.keys, &b.query.sequence.keys_span);
    }
};
struct sample_key_target {
    static auto Of(Builder& b) {
        return std::pair(&b.query.sample.keys, &b.query.sample.keys_span);
    }
};

template <>
struct action<stage_keys> : store_keys<stage_key_target> {};
template <>
struct action<sequence_keys> : store_keys<sequence_key_target> {};
template <>
struct action<sample_keys> : store_keys<sample_key_target> {};
template <>
struct action<join_query_keys> : store_keys<sample_key_target> {};

// `with maxspan=... by ...`: Elasticsearch reports this before anything else in the sequence.
template <>
struct action<late_sequence_keys> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        store_keys<sequence_key_target>::apply(in, builder);
        builder.InsertIssue(builder.sequence_issue_mark, code::kByAfterWith,
                            "Please specify sequence [by] before [with] not after",
                            builder.query.sequence.keys_span);
    }
};

// ---------------------------------------------------------------------------------------------
// Sequence, sample and join

template <ast::QueryKind Kind>
struct open_query {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.query.kind = Kind;
        builder.query_keyword_begin = builder.Offset(in.begin());
        builder.sequence_issue_mark = builder.issues.size();
    }
};

template <>
struct action<sequence_keyword> : open_query<ast::QueryKind::kSequence> {};
template <>
struct action<sample_keyword> : open_query<ast::QueryKind::kSample> {};
template <>
struct action<join_keyword> : open_query<ast::QueryKind::kJoin> {};

template <>
struct action<time_number> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.time_number_span = SpanOf(in, builder);
        builder.time_unit_span.reset();
    }
};

template <>
struct action<time_unit> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.time_unit_span = SpanOf(in, builder);
    }
};

template <>
struct action<time_value> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.query.sequence.maxspan_ns =
            ParseTimeValue(builder, builder.time_number_span, builder.time_unit_span);
        builder.query.sequence.maxspan_span = SpanOf(in, builder);
    }
};

template <>
struct action<sequence> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        CheckSequence(builder, builder.query.sequence);
        builder.query.span = SpanOf(in, builder);
    }
};

struct finish_sample_or_join {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        CheckSampleOrJoin(builder, builder.query.sample);
        builder.query.span = SpanOf(in, builder);
    }
};

template <>
struct action<sample> : finish_sample_or_join {};
template <>
struct action<join> : finish_sample_or_join {};

// ---------------------------------------------------------------------------------------------
// Pipes: once the query is complete, the expression stack contains only the pipe arguments.

template <>
struct action<pipe_name> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        builder.pipe = ast::Pipe{};
        builder.pipe.name = in.string();
        builder.pipe.name_span = SpanOf(in, builder);
    }
};

template <>
struct action<pipe> {
    template <typename Input>
    static void apply(const Input& in, Builder& builder) {
        for (ExprEntry& entry : builder.exprs) {
            builder.pipe.arguments.push_back(std::move(entry.expr));
        }
        builder.exprs.clear();
        builder.pipe.span = SpanOf(in, builder);
        CheckPipe(builder, builder.pipe);
        builder.query.span.end = builder.pipe.span.end;
        builder.query.pipes.push_back(std::move(builder.pipe));
    }
};

}  // namespace eql::grammar::detail
