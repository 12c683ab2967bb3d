// The verifier's walk over a query: every stage's condition, the rejected `join`, and the
// types of join keys across sequence stages. Entry point: VerifyQuery.
#include "engine/check/verify.hpp"

#include <fmt/format.h>

#include "engine/check/verify_internal.hpp"

namespace eql {

namespace detail {

Diagnostic MakeFinding(std::string code, ast::Span span, std::string message) {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.offset = span.begin;
    diagnostic.length = span.end > span.begin ? span.end - span.begin : 1;
    diagnostic.message = std::move(message);
    return diagnostic;
}

}  // namespace detail

namespace {

void VerifyFilter(const ast::EventFilter& filter, const VerifyOptions& options,
                  std::vector<Diagnostic>& diagnostics) {
    if (filter.condition) {
        detail::VerifyCondition(*filter.condition, options, diagnostics);
    }
}

// The type of a join key from the schema: null for an optional key the schema lacks, unknown
// for any other key it lacks.
expr::ExprType KeyType(const ast::FieldRef& key, const Schema& schema) {
    std::string path = key.path;
    if (auto target = schema.ResolveAlias(path)) {
        path = *target;
    }
    if (auto type = schema.Lookup(path)) {
        return expr::FromFieldType(*type);
    }
    return key.optional ? expr::ExprType::kNull : expr::ExprType::kUnknown;
}

// Elasticsearch compares every stage's keys (sequence keys first) with the first stage's.
void VerifySequenceKeys(const ast::Sequence& sequence, const Schema& schema,
                        std::vector<Diagnostic>& diagnostics) {
    if (sequence.stages.empty()) {
        return;
    }
    auto keys_of = [&](const ast::Stage& stage) {
        std::vector<const ast::FieldRef*> keys;
        for (const ast::FieldRef& key : sequence.keys) {
            keys.push_back(&key);
        }
        for (const ast::FieldRef& key : stage.keys) {
            keys.push_back(&key);
        }
        return keys;
    };
    std::vector<const ast::FieldRef*> first = keys_of(sequence.stages[0]);
    std::vector<const ast::Stage*> others;
    for (size_t i = 1; i < sequence.stages.size(); ++i) {
        others.push_back(&sequence.stages[i]);
    }
    if (sequence.until && !sequence.until->keys.empty()) {
        others.push_back(&*sequence.until);
    }
    for (const ast::Stage* stage : others) {
        std::vector<const ast::FieldRef*> keys = keys_of(*stage);
        for (size_t k = sequence.keys.size(); k < std::min(first.size(), keys.size()); ++k) {
            expr::ExprType expected = KeyType(*first[k], schema);
            expr::ExprType found = KeyType(*keys[k], schema);
            if (expr::AreCompatible(expected, found) || found == expr::ExprType::kUnknown ||
                expected == expr::ExprType::kUnknown) {
                continue;
            }
            diagnostics.push_back(detail::MakeFinding(
                "join-key-type", keys[k]->span,
                fmt::format("Sequence key [{}] type [{}] is incompatible with key [{}] type [{}]",
                            keys[k]->path, expr::MappingTypeName(found), first[k]->path,
                            expr::MappingTypeName(expected))));
        }
    }
}

}  // namespace

std::vector<Diagnostic> VerifyQuery(const ast::Query& query, const VerifyOptions& options) {
    std::vector<Diagnostic> diagnostics;
    switch (query.kind) {
        case ast::QueryKind::kEvent: VerifyFilter(query.event, options, diagnostics); break;
        case ast::QueryKind::kSequence:
            for (const ast::Stage& stage : query.sequence.stages) {
                VerifyFilter(stage.filter, options, diagnostics);
            }
            if (query.sequence.until) {
                VerifyFilter(query.sequence.until->filter, options, diagnostics);
            }
            if (options.schema != nullptr) {
                VerifySequenceKeys(query.sequence, *options.schema, diagnostics);
            }
            break;
        case ast::QueryKind::kJoin:
            diagnostics.push_back(detail::MakeFinding(
                "join-unsupported", {query.span.begin, query.span.begin + 4},
                "JOIN command is not supported"));
            [[fallthrough]];
        case ast::QueryKind::kSample:
            for (const ast::Stage& stage : query.sample.stages) {
                VerifyFilter(stage.filter, options, diagnostics);
            }
            if (query.sample.until) {
                VerifyFilter(query.sample.until->filter, options, diagnostics);
            }
            break;
    }
    return diagnostics;
}

}  // namespace eql
