// Builder checks on sequences, samples and joins: `maxspan=` time values, `with runs=`,
// join-key counts, stage counts and the rules for missing-event stages. Messages quote
// Elasticsearch where its wording is known; the others are our own, in our own style.
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "grammar/builder_checks.hpp"
#include "grammar/errors.hpp"

namespace eql::grammar::detail {
namespace {

constexpr int64_t kNanosPerMilli = 1'000'000;
constexpr int64_t kMaxRuns = 100;

std::optional<int64_t> NanosPerUnit(std::string_view unit) {
    if (unit == "ms") {
        return kNanosPerMilli;
    }
    if (unit == "s") {
        return 1000 * kNanosPerMilli;
    }
    if (unit == "m") {
        return 60 * 1000 * kNanosPerMilli;
    }
    if (unit == "h") {
        return 60 * 60 * 1000 * kNanosPerMilli;
    }
    if (unit == "d") {
        return 24 * 60 * 60 * 1000 * kNanosPerMilli;
    }
    return std::nullopt;
}

bool IsDecimalToken(std::string_view token) {
    return token.find_first_of(".eE") != std::string_view::npos;
}

std::optional<int64_t> ParseInt64(std::string_view token) {
    int64_t value = 0;
    const auto parsed = std::from_chars(token.data(), token.data() + token.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != token.data() + token.size()) {
        return std::nullopt;
    }
    return value;
}

// The two bytes of `![`, where missing-stage messages point.
ast::Span OpeningOf(const ast::Stage& stage) {
    return ast::Span{stage.span.begin, stage.span.begin + 2};
}

size_t ExpandedStageCount(const ast::Sequence& sequence) {
    size_t count = 0;
    for (const ast::Stage& stage : sequence.stages) {
        count += static_cast<size_t>(stage.runs.value_or(1));
    }
    return count;
}

}  // namespace

std::optional<int64_t> ParseTimeValue(Builder& builder, ast::Span number,
                                      std::optional<ast::Span> unit) {
    const std::string_view number_text = builder.TextOf(number);
    const std::string_view unit_text = unit ? builder.TextOf(*unit) : std::string_view();
    const std::string written = fmt::format("{}{}", number_text, unit_text);

    // Elasticsearch checks in this order: decimal, positive, unit present, unit known.
    if (IsDecimalToken(number_text)) {
        builder.AddIssue(
            code::kMaxspanDecimal,
            fmt::format("Decimal time interval [{}] not supported; please use an positive integer",
                        number_text),
            number);
        return std::nullopt;
    }
    const std::optional<int64_t> value = ParseInt64(number_text);
    if (value && *value <= 0) {
        builder.AddIssue(code::kMaxspanNotPositive,
                         fmt::format("A positive maxspan value is required; found [{}]", *value),
                         number);
        return std::nullopt;
    }
    if (!unit) {
        builder.AddIssue(code::kMaxspanWithoutUnit,
                         fmt::format("No time unit specified, did you mean [s] as in [{}s]?",
                                     number_text),
                         number);
        return std::nullopt;
    }
    const std::optional<int64_t> nanos_per_unit = NanosPerUnit(unit_text);
    if (!nanos_per_unit) {
        builder.AddIssue(code::kMaxspanUnknownUnit,
                         fmt::format("Unrecognized time unit [{}] in [{}], please specify one of "
                                     "[ms, s, m, h, d]",
                                     unit_text, written),
                         *unit);
        return std::nullopt;
    }

    const int64_t max_value = std::numeric_limits<int64_t>::max() / *nanos_per_unit;
    if (!value || *value > max_value) {
        const ast::Span whole{number.begin, unit->end};
        builder.AddIssue(code::kMaxspanTooLarge,
                         fmt::format("maxspan '{}' is too large; the maximum is {}{}", written,
                                     max_value, unit_text),
                         whole);
        return std::nullopt;
    }
    return *value * *nanos_per_unit;
}

std::optional<int64_t> ParseRuns(Builder& builder, std::string_view name, ast::Span name_span,
                                 ast::Span value) {
    if (name != "runs") {
        builder.AddIssue(code::kUnknownStageOption,
                         fmt::format("unknown stage option '{}'; the only option is 'runs'", name),
                         name_span);
        return std::nullopt;
    }

    const std::string_view text = builder.TextOf(value);
    const std::optional<int64_t> runs = IsDecimalToken(text) ? std::nullopt : ParseInt64(text);
    if (!runs || *runs < 1 || *runs > kMaxRuns) {
        builder.AddIssue(code::kRunsOutOfRange,
                         fmt::format("'runs' must be an integer from 1 to {}, found '{}'",
                                     kMaxRuns, text),
                         value);
        return std::nullopt;
    }
    return runs;
}

void CheckKeyCount(Builder& builder, const ast::Stage& first, const ast::Stage& stage) {
    if (first.keys.size() == stage.keys.size()) {
        return;
    }
    const ast::Span span = stage.keys.empty() ? stage.span : stage.keys_span;
    builder.AddIssue(code::kJoinKeyCount,
                     fmt::format("Inconsistent number of join keys specified; expected [{}] but "
                                 "found [{}]",
                                 first.keys.size(), stage.keys.size()),
                     span);
}

void CheckSequence(Builder& builder, const ast::Sequence& sequence) {
    if (sequence.until) {
        if (sequence.until->missing) {
            builder.AddIssue(code::kMissingUntil,
                             "the until clause cannot be a missing-event stage '!['",
                             OpeningOf(*sequence.until));
        }
        if (sequence.until->runs) {
            builder.AddIssue(code::kRunsOnUntil, "'with runs=' is not allowed on the until clause",
                             sequence.until->runs_span);
        }
    }

    const ast::Span keyword{builder.query_keyword_begin, builder.query_keyword_begin + 8};
    if (ExpandedStageCount(sequence) < 2) {
        builder.AddIssue(code::kTooFewStages,
                         "a sequence requires at least 2 stages (the until clause does not count)",
                         keyword);
    }

    const ast::Stage* first_missing = nullptr;
    bool has_positive = false;
    for (const ast::Stage& stage : sequence.stages) {
        if (!stage.missing) {
            has_positive = true;
        } else if (first_missing == nullptr) {
            first_missing = &stage;
        }
    }
    if (first_missing != nullptr && !has_positive) {
        builder.AddIssue(code::kNoPositiveStage,
                         "a sequence requires at least one stage that is not a missing-event "
                         "stage '!['",
                         keyword);
    }
    if (first_missing != nullptr && !sequence.maxspan_ns) {
        builder.AddIssue(code::kMissingStageWithoutMaxspan,
                         "a sequence with a missing-event stage '![' requires 'with maxspan='",
                         OpeningOf(*first_missing));
    }
}

void CheckSampleOrJoin(Builder& builder, const ast::Sample& sample) {
    for (const ast::Stage& stage : sample.stages) {
        if (stage.missing) {
            builder.AddIssue(code::kMissingStageOutsideSequence,
                             "missing-event stages '![' are allowed only in a sequence",
                             OpeningOf(stage));
            return;
        }
    }
    if (sample.until && sample.until->missing) {
        builder.AddIssue(code::kMissingStageOutsideSequence,
                         "missing-event stages '![' are allowed only in a sequence",
                         OpeningOf(*sample.until));
    }
}

}  // namespace eql::grammar::detail
