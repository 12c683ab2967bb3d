// Tests that SchemaSet::AddFile, which reads ECS lists with simdjson, loads the same schema and
// reports the same errors as ParseEcsFlatSchema, which reads them with nlohmann.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "engine/check/schema_json.hpp"
#include "engine/check/schema_loaders.hpp"
#include "engine/check/schema_set.hpp"

namespace {

// Returns every fact a check reads of `schema` for the paths listed, one line each.
std::vector<std::string> Describe(const eql::Schema& schema,
                                  const std::vector<std::string>& paths) {
    std::vector<std::string> lines;
    for (const std::string& path : paths) {
        std::optional<eql::FieldType> type = schema.Lookup(path);
        std::optional<std::string> alias = schema.ResolveAlias(path);
        std::optional<std::string> nested = schema.NestedContainer(path);
        lines.push_back(path + " type=" +
                        (type ? std::string(eql::FieldTypeName(*type)) : "none") +
                        " alias=" + alias.value_or("none") + " nested=" + nested.value_or("none"));
    }
    return lines;
}

struct Loaded {
    std::string error;
    std::vector<std::string> facts;
};

// Loads `text` through SchemaSet::AddFile, from a temporary file.
Loaded LoadThroughSet(const std::string& text, const std::vector<std::string>& probes) {
    std::filesystem::path file = std::filesystem::temp_directory_path() / "eqlite-ecs-test.json";
    std::ofstream(file, std::ios::binary) << text;
    eql::SchemaSet set;
    Loaded loaded;
    loaded.error = set.AddFile(file.string());
    std::filesystem::remove(file);
    if (loaded.error.empty()) {
        eql::SchemaView view = set.ViewFor({});
        std::vector<std::string> paths = view.FieldPaths();
        paths.insert(paths.end(), probes.begin(), probes.end());
        loaded.facts = Describe(view, paths);
    }
    return loaded;
}

// Loads `text` through ParseEcsFlatSchema, naming it as AddFile's file.
Loaded LoadThroughNlohmann(const std::string& text, const std::vector<std::string>& probes) {
    std::filesystem::path file = std::filesystem::temp_directory_path() / "eqlite-ecs-test.json";
    eql::SchemaLoadResult result = eql::ParseEcsFlatSchema(text, file.string());
    Loaded loaded;
    loaded.error = result.error;
    if (result.schema) {
        std::vector<std::string> paths = result.schema->FieldPaths();
        paths.insert(paths.end(), probes.begin(), probes.end());
        loaded.facts = Describe(*result.schema, paths);
    }
    return loaded;
}

void CheckSameAsNlohmann(const std::string& text, const std::vector<std::string>& probes = {}) {
    CAPTURE(text);
    Loaded fast = LoadThroughSet(text, probes);
    Loaded reference = LoadThroughNlohmann(text, probes);
    CHECK(fast.error == reference.error);
    CHECK(fast.facts == reference.facts);
}

}  // namespace

TEST_SUITE("schema ecs fast") {
    TEST_CASE("fast reader takes only ECS lists") {
        CHECK(eql::detail::ReadEcsFlatFast(R"({"a": {"flat_name": "a", "type": "keyword"}})",
                                           "ecs.json")
                  .has_value());
        // Index mappings, per-pattern lists, invalid JSON and non-objects go to nlohmann.
        CHECK_FALSE(eql::detail::ReadEcsFlatFast(R"({"properties": {}})", "m.json"));
        CHECK_FALSE(eql::detail::ReadEcsFlatFast(R"({"i": {"mappings": {}}})", "m.json"));
        CHECK_FALSE(eql::detail::ReadEcsFlatFast(R"({"logs-*": {"a": "keyword"}})", "p.json"));
        CHECK_FALSE(eql::detail::ReadEcsFlatFast(R"({"a": {"flat_name": "a",})", "ecs.json"));
        CHECK_FALSE(eql::detail::ReadEcsFlatFast("[1]", "ecs.json"));
        CHECK_FALSE(eql::detail::ReadEcsFlatFast("{}", "ecs.json"));
    }

    TEST_CASE("fields, aliases and containers load alike") {
        CheckSameAsNlohmann(R"({
            "process.name": {"flat_name": "process.name", "type": "keyword"},
            "process.command_line": {"flat_name": "process.command_line", "type": "text",
                "multi_fields": [{"flat_name": "process.command_line.text",
                                  "type": "match_only_text"},
                                 {"flat_name": "process.command_line.kw", "type": "keyword"},
                                 "not an object", {"flat_name": "", "type": "keyword"},
                                 {"flat_name": "x.y", "type": 3}]},
            "message": {"flat_name": "message", "type": "match_only_text",
                        "multi_fields": "not an array"},
            "host.os.name": {"flat_name": "host.os.name", "type": "alias",
                             "path": "process.name"},
            "labels": {"flat_name": "labels", "type": "object", "object_type": "keyword"},
            "attrs": {"flat_name": "attrs", "type": "flattened"},
            "dll": {"flat_name": "dll", "type": "nested"},
            "dll.name": {"flat_name": "dll.name", "type": "keyword"},
            "geo": {"flat_name": "geo", "type": "geo_point"},
            "count": {"flat_name": "count", "type": "long"}
        })",
                            {"labels.env", "attrs.a.b", "host.os", "missing.field"});
    }

    TEST_CASE("key order and repeated keys follow nlohmann") {
        // nlohmann sorts members by key and keeps the last of a repeated key. The first member
        // by key decides the format even when another member comes first in the text.
        CheckSameAsNlohmann(R"({
            "z.field": {"flat_name": "z.field", "type": "keyword"},
            "a.field": {"flat_name": "a.field", "type": "long", "type": "ip"},
            "a.field": {"flat_name": "a.field", "type": "keyword", "type": "double"},
            "m": {"flat_name": "m", "type": "text", "multi_fields": [],
                  "multi_fields": [{"flat_name": "m.kw", "type": "keyword"}]},
            "n": {"flat_name": "n", "type": "keyword", "type": 7}
        })");
    }

    TEST_CASE("definition errors read alike") {
        CheckSameAsNlohmann(R"({"a": {"flat_name": "a", "type": "keyword"}, "b": 3})");
        CheckSameAsNlohmann(R"({"a": {"flat_name": "a", "type": "keyword"}, "b": {"x": 1}})");
        CheckSameAsNlohmann(R"({"a": {"flat_name": "a", "type": "alias"}})");
        CheckSameAsNlohmann(R"({"a": {"flat_name": "a", "type": "alias", "path": 5}})");
        CheckSameAsNlohmann(
            R"({"a": {"flat_name": "a", "type": "object", "object_type": ["long"]}})");
        CheckSameAsNlohmann(R"({"a\u002eb": {"flat_name": "a.b", "type": "keyword"}})");
    }

    TEST_CASE("ECS corpus schema loads alike") {
        const std::string schema =
            std::string(EQLITE_SHARED_DIR) + "/schemas/ecs-9.5.0-flat.json.gz";
        if (!std::filesystem::exists(schema)) {
            MESSAGE("skipped: " << schema << " is absent");
            return;
        }
        std::string error;
        std::optional<std::string> text = eql::ReadSchemaFile(schema, &error);
        REQUIRE(text.has_value());
        Loaded fast = LoadThroughSet(*text, {});
        Loaded reference = LoadThroughNlohmann(*text, {});
        CHECK(fast.error.empty());
        CHECK(fast.facts.size() > 1000);
        CHECK(fast.facts == reference.facts);
    }
}
