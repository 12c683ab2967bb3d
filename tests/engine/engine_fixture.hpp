// Query-text tests of the public API: compile queries with eql::Compile, read NDJSON events
// with the event reader, run them with eql::Runner, and compare the `id` fields of the
// matches (-1 for a missing-stage placeholder).
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eql/engine.hpp"
#include "engine/io/event_reader.hpp"

namespace engine_test {

using IdList = std::vector<int64_t>;

struct Outcome {
    std::vector<eql::Diagnostic> diagnostics;
    std::vector<eql::Match> matches;
    IdList ids;                          // every match's event ids, flattened
    std::vector<std::string> join_keys;  // every match's join keys as text, flattened
    std::string explain;                 // Explain() of the compiled plan, when it compiled
};

inline std::string ValueText(const eql::Value& value) {
    if (std::holds_alternative<std::string>(value)) {
        return std::get<std::string>(value);
    }
    if (std::holds_alternative<int64_t>(value)) {
        return std::to_string(std::get<int64_t>(value));
    }
    if (std::holds_alternative<bool>(value)) {
        return std::get<bool>(value) ? "true" : "false";
    }
    if (std::holds_alternative<double>(value)) {
        return std::to_string(std::get<double>(value));
    }
    return "null";
}

// Compiles `query` and runs it over `ndjson`. Events need an integer `id` field.
inline Outcome RunQuery(std::string_view query, std::string_view ndjson,
                        const eql::RunOptions& run_options = {},
                        const eql::CompileOptions& compile_options = {},
                        bool require_timestamp = true) {
    Outcome outcome;
    eql::EventLayout layout;
    uint32_t id_slot = layout.AddField("id");
    eql::CompileResult compiled = eql::Compile(query, layout, compile_options);
    outcome.diagnostics = compiled.diagnostics;
    if (compiled.plan == nullptr) {
        return outcome;
    }
    outcome.explain = eql::Explain(*compiled.plan);

    eql::Runner runner({compiled.plan}, run_options, [&outcome](const eql::Match& match) {
        outcome.matches.push_back(match);
    });
    eql::ReadOptions read_options;
    read_options.require_timestamp = require_timestamp;
    eql::EventReader reader(layout, read_options);
    reader.ReadText("test.ndjson", ndjson, [&runner](eql::EventPtr event) {
        runner.Push(std::move(event));
    }, {});
    runner.Finish();

    for (const eql::Match& match : outcome.matches) {
        for (const eql::EventPtr& event : match.events) {
            bool has_id = event != nullptr && id_slot < event->fields.size() &&
                          !event->fields[id_slot].empty() &&
                          std::holds_alternative<int64_t>(event->fields[id_slot].front());
            outcome.ids.push_back(has_id ? std::get<int64_t>(event->fields[id_slot].front()) : -1);
        }
        for (const eql::Value& value : match.join_keys) {
            outcome.join_keys.push_back(ValueText(value));
        }
    }
    return outcome;
}

}  // namespace engine_test
