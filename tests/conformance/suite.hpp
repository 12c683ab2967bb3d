// The specs of the Elasticsearch EQL QA suite: TOML files of `[[queries]]` tables, and which
// files run against which index with which event-id field and tiebreaker.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eql::conformance {

// One `[[queries]]` table.
struct Spec {
    std::string file;      // TOML file name, e.g. "test_queries.toml"
    uint32_t line = 0;     // line of the `[[queries]]` header
    std::string name;      // trimmed
    std::string query;     // trimmed, sent verbatim
    // Acceptable id lists: one for a flat array, several for an array of arrays.
    std::vector<std::vector<int64_t>> expected_ids;
    std::vector<std::string> join_keys;  // empty: join keys are not checked
    std::optional<int64_t> size;
    std::optional<int64_t> max_samples_per_key;
    std::optional<bool> allow_partial_search_results;
    std::optional<bool> allow_partial_sequence_results;
    std::optional<bool> expect_shard_failures;
};

// The specs of one file, and every problem found while reading them. A table with a problem
// is left out of `specs`, so each error stands for one spec that cannot run.
struct SpecFile {
    std::string name;
    std::vector<Spec> specs;
    std::vector<std::string> errors;  // "FILE:LINE: message"
};

// Parses the text of one spec file named `name`. A bare `null` value (test_extra.toml uses it
// in join_keys arrays, which strict TOML rejects) is read as the string "null".
SpecFile ParseSpecText(std::string_view name, std::string_view text);

// Reads and parses `path`. A file that cannot be read gives one error.
SpecFile LoadSpecFile(const std::filesystem::path& path);

// Returns `text` with each bare `null` array element or value quoted as "null". Strings and
// comments are left as they are.
std::string QuoteBareNulls(std::string_view text);

// Returns `text` with leading and trailing whitespace and control characters removed, the
// way Java's String.trim does.
std::string Trim(std::string_view text);

// One group of files that share a name space and run against one data set.
struct SuiteDefinition {
    std::vector<std::string> files;  // spec files, in load order
    std::string dataset;             // a DatasetDefinition name
    std::string id_field;            // read from each returned event's source
    std::string tiebreaker;          // empty: none
};

// The groups the current Elasticsearch harness runs. test_queries.toml appears in two of them:
// once on millisecond and once on nanosecond timestamps.
const std::vector<SuiteDefinition>& CurrentSuites();

}  // namespace eql::conformance
