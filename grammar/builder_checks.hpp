// The checks Elasticsearch makes while building its tree from a parse that succeeded: string
// literal rules, number and time values, `runs`, join-key counts, stage rules and pipes. Each
// records a diagnostic in the Builder and lets the parse go on, because a syntax error later
// in the text takes precedence over all of them, as in Elasticsearch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "grammar/ast.hpp"
#include "grammar/builder.hpp"

namespace eql::grammar::detail {

// Decodes a string token of any form (`"..."`, `"""..."""`, and the rejected `'...'`, `?"..."`
// and `?'...'`) that starts at `span.begin`. Problems are recorded on `builder`.
std::string DecodeString(Builder& builder, ast::Span span);

struct NumberValue {
    ast::Literal literal;             // int64_t, or double when decimal or too big for int64
    bool int64_min_magnitude = false;  // the integer 2^63, kept as a double until negated
};

// Converts a number token as Elasticsearch does, falling back to a double when the integer
// does not fit int64.
NumberValue ParseNumber(std::string_view token);

// Converts a `maxspan=` time value to nanoseconds: `number` is the number token, `unit` the
// unit span or an empty optional. Returns nothing after recording a diagnostic.
std::optional<int64_t> ParseTimeValue(Builder& builder, ast::Span number,
                                      std::optional<ast::Span> unit);

// Checks `with NAME=VALUE` after a stage: NAME must be `runs` and VALUE an integer in 1..100.
std::optional<int64_t> ParseRuns(Builder& builder, std::string_view name, ast::Span name_span,
                                 ast::Span value);

// Checks that `stage` has as many stage-level keys as the first stage of its query.
void CheckKeyCount(Builder& builder, const ast::Stage& first, const ast::Stage& stage);

// Whole-query checks, run when the sequence, sample or join has been read.
void CheckSequence(Builder& builder, const ast::Sequence& sequence);
void CheckSampleOrJoin(Builder& builder, const ast::Sample& sample);

// Checks one pipe; sets `pipe.limit` for a valid head or tail.
void CheckPipe(Builder& builder, ast::Pipe& pipe);

}  // namespace eql::grammar::detail
