// Runs the field checker over real queries. Every EQL rule of the detection-rules corpus is
// checked with the ECS field list and the per-index-pattern extra fields, and the number of
// findings per code, the most used unknown fields and examples of every other finding are
// printed. The Elasticsearch QA queries, which Elasticsearch accepts, are checked against
// their index mappings and must give no error.
#include <doctest/doctest.h>

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/check/field_check.hpp"
#include "engine/check/schema_set.hpp"
#include "grammar/parse.hpp"

namespace {

namespace fs = std::filesystem;

struct CorpusRule {
    std::string path;
    std::string query;
    std::vector<std::string> index;
};

// Reads the `language = "eql"` rules under `root`. Files that are not valid TOML are counted
// in `unreadable`.
std::vector<CorpusRule> ReadEqlRules(const fs::path& root, int* unreadable) {
    std::vector<CorpusRule> rules;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".toml") {
            continue;
        }
        toml::table table;
        try {
            table = toml::parse_file(entry.path().string());
        } catch (const toml::parse_error&) {
            ++*unreadable;
            continue;
        }
        if (table["rule"]["language"].value_or(std::string()) != "eql") {
            continue;
        }
        CorpusRule rule;
        rule.path = entry.path().lexically_relative(root).string();
        rule.query = table["rule"]["query"].value_or(std::string());
        if (const toml::array* index = table["rule"]["index"].as_array()) {
            for (const toml::node& pattern : *index) {
                rule.index.push_back(pattern.value_or(std::string()));
            }
        }
        rules.push_back(std::move(rule));
    }
    std::sort(rules.begin(), rules.end(),
              [](const CorpusRule& a, const CorpusRule& b) { return a.path < b.path; });
    return rules;
}

// Reads a QA suite file. Its `join_keys` arrays may hold a bare `null`, which is not TOML, so
// those lines get the string "null" instead. Returns false when the file is not valid TOML.
bool ReadQaSpecs(const fs::path& path, toml::table* table) {
    std::ifstream in(path);
    std::string fixed;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("join_keys", 0) == 0) {
            std::string quoted;
            for (std::size_t i = 0; i < line.size();) {
                bool bare = line.compare(i, 4, "null") == 0 && (i == 0 || line[i - 1] != '"');
                quoted += bare ? "\"null\"" : line.substr(i, 1);
                i += bare ? 4 : 1;
            }
            line = quoted;
        }
        fixed += line + "\n";
    }
    try {
        *table = toml::parse(fixed);
    } catch (const toml::parse_error&) {
        return false;
    }
    return true;
}

std::string Excerpt(const std::string& query, const eql::Diagnostic& diagnostic) {
    std::string text = query.substr(diagnostic.offset, diagnostic.length);
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

}  // namespace

TEST_SUITE("field_check_corpus") {

TEST_CASE("detection rules field findings by code") {
    const fs::path shared = EQLITE_SHARED_DIR;
    const fs::path rules_root = shared / "rules/detection-rules/rules";
    const fs::path ecs_path = shared / "schemas/ecs-9.5.0-flat.json.gz";
    const fs::path non_ecs_path = shared / "schemas/non-ecs-schema.json";
    if (!fs::exists(rules_root) || !fs::exists(ecs_path) || !fs::exists(non_ecs_path)) {
        MESSAGE("skipped: the detection-rules corpus or the schemas are absent under " << shared);
        return;
    }

    eql::SchemaLoadResult ecs = eql::LoadEcsFlatSchema(ecs_path.string());
    REQUIRE_MESSAGE(ecs.schema != nullptr, ecs.error);
    eql::IndexPatternSchemaResult non_ecs = eql::LoadIndexPatternSchemas(non_ecs_path.string());
    REQUIRE_MESSAGE(non_ecs.error.empty(), non_ecs.error);
    eql::SchemaSet schemas;
    schemas.AddForAllIndices(ecs.schema);
    schemas.AddIndexPatternSchemas(non_ecs.schemas);

    int unreadable = 0;
    std::vector<CorpusRule> rules = ReadEqlRules(rules_root, &unreadable);
    CHECK(unreadable == 0);
    CHECK(rules.size() == 954);

    // Tally findings per code, unknown fields per path, and keep examples of the rest.
    std::map<std::string, int> per_code;
    std::map<std::string, int> unknown_paths;
    std::map<std::string, std::string> unknown_notes;
    std::map<std::string, std::vector<std::string>> examples;
    int unparsed = 0;
    int rules_with_findings = 0;
    for (const CorpusRule& rule : rules) {
        eql::grammar::ParseResult parsed = eql::grammar::ParseQuery(rule.query);
        if (!parsed.query) {
            ++unparsed;
            continue;
        }
        eql::SchemaView view = schemas.ViewFor(rule.index);
        std::vector<eql::Diagnostic> found = eql::CheckFields(*parsed.query, view);
        rules_with_findings += found.empty() ? 0 : 1;
        for (const eql::Diagnostic& diagnostic : found) {
            ++per_code[diagnostic.code];
            if (diagnostic.code == "unknown-field") {
                std::string path = Excerpt(rule.query, diagnostic);
                ++unknown_paths[path];
                unknown_notes[path] = diagnostic.note;
            }
            if (diagnostic.code != "unknown-field") {
                examples[diagnostic.code].push_back(
                    rule.path + ": " + diagnostic.message +
                    (diagnostic.note.empty() ? "" : " (" + diagnostic.note + ")"));
            }
        }
    }

    std::ostringstream report;
    report << rules.size() << " EQL rules, " << unparsed << " not parsed, " << rules_with_findings
           << " with findings\n";
    for (const auto& [code, count] : per_code) {
        report << "  " << code << ": " << count << "\n";
    }
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [path, count] : unknown_paths) {
        ranked.emplace_back(-count, path);
    }
    std::sort(ranked.begin(), ranked.end());
    report << unknown_paths.size() << " distinct unknown fields; the most used:\n";
    for (std::size_t i = 0; i < ranked.size() && i < 15; ++i) {
        const auto& [negated_count, path] = ranked[i];
        const std::string& note = unknown_notes[path];
        report << "  " << -negated_count << " " << path << (note.empty() ? "" : " (" + note + ")")
               << "\n";
    }
    for (const auto& [code, lines] : examples) {
        report << code << " examples:\n";
        for (std::size_t i = 0; i < lines.size() && i < 12; ++i) {
            report << "  " << lines[i] << "\n";
        }
    }
    MESSAGE(report.str());
    CHECK(unparsed == 0);

    // Read by hand: every unknown field belongs to an integration (aws, azure, okta, github,
    // fortinet, kubernetes, network_traffic, winlog) or to Elastic Defend (file.Ext.original.*,
    // user.Ext.real.id, Effective_process.*), whose schemas are not loaded here. The rules are
    // free of type misuse, so any other finding points at a loader or checker bug.
    int type_findings = 0;
    for (const auto& [code, count] : per_code) {
        type_findings += code == "unknown-field" ? 0 : count;
    }
    CHECK(type_findings == 0);
    CHECK(per_code["unknown-field"] == 222);
    CHECK(unknown_paths.size() == 65);
    CHECK(unknown_paths["winlog.computer_name"] == 18);
    CHECK(unknown_paths.count("process.name") == 0);
}

TEST_CASE("elasticsearch qa queries give no field errors") {
    const fs::path suite = fs::path(EQLITE_SHARED_DIR) / "conformance/elasticsearch";
    if (!fs::exists(suite / "data")) {
        MESSAGE("skipped: the Elasticsearch QA suite is absent under " << suite);
        return;
    }

    // Each spec file and the indices its queries run on.
    const std::vector<std::pair<std::string, std::vector<std::string>>> runs = {
        {"test_queries.toml", {"endgame-140"}},
        {"additional_test_queries.toml", {"endgame-140"}},
        {"test_queries_date.toml", {"endgame-140"}},
        {"test_queries_date_nanos.toml", {"endgame-140-nanos"}},
        {"test_extra.toml", {"extra"}},
        {"test_missing_events.toml", {"missing-events"}},
        {"test_sample.toml", {"sample1", "sample2", "sample3"}},
        {"test_sample_multi.toml", {"sample-multi"}},
        {"test_failing_shards.toml", {"endgame-140", "endgame-shard-failures"}},
    };
    std::map<std::string, int> per_code;
    int queries = 0;
    for (const auto& [file, indices] : runs) {
        CAPTURE(file);
        eql::SchemaSet schemas;
        for (const std::string& index : indices) {
            eql::SchemaLoadResult mapping =
                eql::LoadIndexMapping((suite / "data" / (index + ".mapping")).string());
            REQUIRE_MESSAGE(mapping.schema != nullptr, mapping.error);
            schemas.AddForAllIndices(mapping.schema);
        }
        eql::SchemaView view = schemas.ViewFor({});

        toml::table specs;
        REQUIRE(ReadQaSpecs(suite / file, &specs));
        const toml::array* list = specs["queries"].as_array();
        REQUIRE(list != nullptr);
        for (const toml::node& spec : *list) {
            const toml::table* fields = spec.as_table();
            std::string query =
                fields != nullptr ? (*fields)["query"].value_or(std::string()) : std::string();
            eql::grammar::ParseResult parsed = eql::grammar::ParseQuery(query);
            if (!parsed.query) {
                continue;
            }
            ++queries;
            for (const eql::Diagnostic& diagnostic : eql::CheckFields(*parsed.query, view)) {
                ++per_code[diagnostic.code];
                CAPTURE(query);
                CAPTURE(diagnostic.message);
                CHECK(diagnostic.severity == eql::Severity::kWarning);
            }
        }
    }

    std::ostringstream report;
    report << queries << " QA queries checked against their mappings\n";
    for (const auto& [code, count] : per_code) {
        report << "  " << code << ": " << count << "\n";
    }
    MESSAGE(report.str());
    // The unknown fields are the ones Elasticsearch maps dynamically when the data is loaded
    // (unique_pid, transID...), and one spec compares a keyword field with the number 123.
    CHECK(per_code["comparison-type-mismatch"] == 1);
    CHECK(per_code.size() == 2);
}

}  // TEST_SUITE
