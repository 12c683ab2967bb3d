// Test helpers for conditions: parse `any where <condition>`, compile it, and test it against
// an event built from a field map, optionally with a small in-memory schema.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/check/schema.hpp"
#include "engine/expr/condition.hpp"
#include "grammar/parse.hpp"

namespace eql::expr::testing {

using FieldMap = std::map<std::string, FieldValues>;

class MapSchema final : public Schema {
public:
    MapSchema(std::map<std::string, FieldType> types,
              std::map<std::string, std::string> aliases = {})
        : types_(std::move(types)), aliases_(std::move(aliases)) {}

    std::optional<FieldType> Lookup(std::string_view path) const override {
        std::string key(path);
        if (auto alias = aliases_.find(key); alias != aliases_.end()) {
            key = alias->second;
        }
        auto found = types_.find(key);
        return found == types_.end() ? std::nullopt : std::optional<FieldType>(found->second);
    }
    std::optional<std::string> ResolveAlias(std::string_view path) const override {
        auto found = aliases_.find(std::string(path));
        return found == aliases_.end() ? std::nullopt
                                       : std::optional<std::string>(found->second);
    }

private:
    std::map<std::string, FieldType> types_;
    std::map<std::string, std::string> aliases_;
};

// A compiled condition with the layout it registered its fields in.
struct Compiled {
    std::optional<ast::Query> query;  // keeps the AST alive
    EventLayout layout;
    CompiledCondition result;
    std::string parse_error;

    bool ok() const { return result.condition != nullptr; }

    bool Test(const FieldMap& fields) const {
        std::vector<FieldValues> by_slot(layout.fields().size());
        for (size_t slot = 0; slot < layout.fields().size(); ++slot) {
            auto found = fields.find(layout.fields()[slot]);
            if (found != fields.end()) {
                by_slot[slot] = found->second;
            }
        }
        Event event;
        event.fields = EventFields(std::move(by_slot));
        return result.condition->Test(event);
    }

    std::string FirstMessage() const {
        if (!parse_error.empty()) {
            return "syntax: " + parse_error;
        }
        return result.diagnostics.empty() ? "" : result.diagnostics[0].message;
    }
};

inline Compiled Compile(const std::string& condition, const Schema* schema = nullptr) {
    Compiled compiled;
    grammar::ParseResult parsed = grammar::ParseQuery("any where " + condition);
    if (!parsed.query) {
        compiled.parse_error = parsed.error ? parsed.error->message : "no query";
        return compiled;
    }
    compiled.query = std::move(parsed.query);
    ConditionOptions options;
    options.schema = schema;
    compiled.result = CompileCondition(*compiled.query->event.condition, compiled.layout, options);
    return compiled;
}

// Compiles `condition` and tests it on `fields`; a condition that fails to compile is false
// and shows up through CAPTURE in the caller.
inline bool Holds(const std::string& condition, const FieldMap& fields,
                  const Schema* schema = nullptr) {
    Compiled compiled = Compile(condition, schema);
    if (!compiled.ok()) {
        return false;
    }
    return compiled.Test(fields);
}

struct Row {
    const char* condition;
    FieldMap fields;
    bool expected;
};

}  // namespace eql::expr::testing
