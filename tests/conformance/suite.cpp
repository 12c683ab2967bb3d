// Reading the QA suite's TOML spec files into Specs, and the table of which files run against
// which data set. Entry points: LoadSpecFile and CurrentSuites.
#include "tests/conformance/suite.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace eql::conformance {

namespace {

bool IsBareWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

// Copies a string that starts at `text[i]` to `out` and returns the index past its end.
// `quote` is the delimiter (" or '), `triple` whether it is a multi-line string.
size_t CopyString(std::string_view text, size_t i, char quote, bool triple, std::string& out) {
    size_t delimiter_length = triple ? 3 : 1;
    out.append(text.substr(i, delimiter_length));
    i += delimiter_length;
    while (i < text.size()) {
        char c = text[i];
        if (c == '\\' && quote == '"' && i + 1 < text.size()) {
            out.append(text.substr(i, 2));
            i += 2;
            continue;
        }
        if (c == quote && (!triple || text.substr(i, 3) == std::string(3, quote))) {
            // A multi-line string may end with up to two extra quotes before the delimiter.
            size_t run = 0;
            while (i + run < text.size() && text[i + run] == quote) {
                ++run;
            }
            size_t taken = triple ? std::min<size_t>(run, 5) : 1;
            out.append(text.substr(i, taken));
            return i + taken;
        }
        out.push_back(c);
        ++i;
    }
    return i;
}

}  // namespace

std::string QuoteBareNulls(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 64);
    char last_significant = '\n';
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];

        // Comments run to the end of the line and do not change the last significant character.
        if (c == '#') {
            size_t end = text.find('\n', i);
            end = end == std::string_view::npos ? text.size() : end;
            out.append(text.substr(i, end - i));
            i = end;
            continue;
        }
        if (c == '"' || c == '\'') {
            bool triple = text.substr(i, 3) == std::string(3, c);
            i = CopyString(text, i, c, triple, out);
            last_significant = c;
            continue;
        }

        // A bare word: quote it when it is `null` in a value position.
        if (IsBareWordChar(c)) {
            size_t end = i;
            while (end < text.size() && IsBareWordChar(text[end])) {
                ++end;
            }
            std::string_view word = text.substr(i, end - i);
            bool value_position =
                last_significant == '[' || last_significant == ',' || last_significant == '=';
            if (word == "null" && value_position) {
                out.append("\"null\"");
            } else {
                out.append(word);
            }
            last_significant = text[end - 1];
            i = end;
            continue;
        }
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            last_significant = c;
        }
        out.push_back(c);
        ++i;
    }
    return out;
}

std::string Trim(std::string_view text) {
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && static_cast<unsigned char>(text[begin]) <= ' ') {
        ++begin;
    }
    while (end > begin && static_cast<unsigned char>(text[end - 1]) <= ' ') {
        --end;
    }
    return std::string(text.substr(begin, end - begin));
}

namespace {

// Collects the problems of one table. A table with any problem is dropped.
struct TableReader {
    const toml::table& table;
    std::string where;  // "FILE:LINE"
    std::vector<std::string>& errors;
    bool failed = false;

    void Fail(const std::string& message) {
        errors.push_back(fmt::format("{}: {}", where, message));
        failed = true;
    }

    std::string RequiredString(const char* key) {
        std::optional<std::string> value = table[key].value<std::string>();
        if (!value) {
            Fail(fmt::format("missing string '{}'", key));
            return {};
        }
        return Trim(*value);
    }

    std::optional<int64_t> OptionalInteger(const char* key) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_integer()) {
            Fail(fmt::format("'{}' is not an integer", key));
            return std::nullopt;
        }
        return node->as_integer()->get();
    }

    std::optional<bool> OptionalBoolean(const char* key) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_boolean()) {
            Fail(fmt::format("'{}' is not a boolean", key));
            return std::nullopt;
        }
        return node->as_boolean()->get();
    }

    // Reads one array of integers into `ids`. Returns false when an element is not one.
    static bool ReadIds(const toml::array& array, std::vector<int64_t>& ids) {
        for (const toml::node& element : array) {
            if (!element.is_integer()) {
                return false;
            }
            ids.push_back(element.as_integer()->get());
        }
        return true;
    }

    std::vector<std::vector<int64_t>> ExpectedIds() {
        const toml::array* array = table["expected_event_ids"].as_array();
        if (array == nullptr) {
            Fail("missing array 'expected_event_ids'");
            return {};
        }
        std::vector<std::vector<int64_t>> alternatives;
        if (!array->empty() && array->front().is_array()) {
            for (const toml::node& element : *array) {
                alternatives.emplace_back();
                if (!element.is_array() || !ReadIds(*element.as_array(), alternatives.back())) {
                    Fail("'expected_event_ids' mixes id lists with other values");
                    return {};
                }
            }
            return alternatives;
        }
        alternatives.emplace_back();
        if (!ReadIds(*array, alternatives.back())) {
            Fail("'expected_event_ids' holds a value that is not an integer");
            return {};
        }
        return alternatives;
    }

    std::vector<std::string> JoinKeys() {
        const toml::node* node = table.get("join_keys");
        if (node == nullptr) {
            return {};
        }
        if (!node->is_array()) {
            Fail("'join_keys' is not an array");
            return {};
        }
        std::vector<std::string> keys;
        for (const toml::node& element : *node->as_array()) {
            if (element.is_string()) {
                keys.push_back(element.as_string()->get());
            } else if (element.is_integer()) {
                keys.push_back(std::to_string(element.as_integer()->get()));
            } else if (element.is_boolean()) {
                keys.push_back(element.as_boolean()->get() ? "true" : "false");
            } else {
                Fail("'join_keys' holds a value that is not a string, integer or boolean");
                return {};
            }
        }
        return keys;
    }
};

std::optional<Spec> ReadSpec(const toml::table& table, std::string_view file,
                             std::vector<std::string>& errors) {
    Spec spec;
    spec.file = std::string(file);
    spec.line = table.source().begin.line;
    TableReader reader{table, fmt::format("{}:{}", file, spec.line), errors};

    spec.name = reader.RequiredString("name");
    spec.query = reader.RequiredString("query");
    spec.expected_ids = reader.ExpectedIds();
    spec.join_keys = reader.JoinKeys();
    spec.size = reader.OptionalInteger("size");
    spec.max_samples_per_key = reader.OptionalInteger("max_samples_per_key");
    spec.allow_partial_search_results = reader.OptionalBoolean("allow_partial_search_results");
    spec.allow_partial_sequence_results = reader.OptionalBoolean("allow_partial_sequence_results");
    spec.expect_shard_failures = reader.OptionalBoolean("expect_shard_failures");
    if (reader.failed) {
        return std::nullopt;
    }
    return spec;
}

}  // namespace

SpecFile ParseSpecText(std::string_view name, std::string_view text) {
    SpecFile file;
    file.name = std::string(name);

    toml::table document;
    try {
        document = toml::parse(QuoteBareNulls(text), name);
    } catch (const toml::parse_error& error) {
        file.errors.push_back(fmt::format("{}:{}: invalid TOML: {}", name,
                                          error.source().begin.line, error.description()));
        return file;
    }

    const toml::array* queries = document["queries"].as_array();
    if (queries == nullptr) {
        file.errors.push_back(fmt::format("{}: no [[queries]] tables", name));
        return file;
    }
    for (const toml::node& element : *queries) {
        if (!element.is_table()) {
            file.errors.push_back(fmt::format("{}:{}: 'queries' holds a value that is not a table",
                                              name, element.source().begin.line));
            continue;
        }
        std::optional<Spec> spec = ReadSpec(*element.as_table(), name, file.errors);
        if (spec) {
            file.specs.push_back(std::move(*spec));
        }
    }
    return file;
}

SpecFile LoadSpecFile(const std::filesystem::path& path) {
    std::string name = path.filename().string();
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        SpecFile file;
        file.name = name;
        file.errors.push_back(fmt::format("{}: cannot read {}", name, path.string()));
        return file;
    }
    std::ostringstream text;
    text << stream.rdbuf();
    return ParseSpecText(name, text.str());
}

const std::vector<SuiteDefinition>& CurrentSuites() {
    static const std::vector<SuiteDefinition> suites = {
        {{"test_queries.toml", "additional_test_queries.toml", "test_queries_date.toml"},
         "endgame-140", "serial_event_id", "serial_event_id"},
        {{"test_queries_date_nanos.toml", "test_queries.toml"},
         "endgame-140-nanos", "serial_event_id", "serial_event_id"},
        {{"test_extra.toml"}, "extra", "sequence", "sequence"},
        {{"test_missing_events.toml"}, "missing-events", "sequence", "sequence"},
        {{"test_sample.toml"}, "sample1,sample2,sample3", "id", ""},
        {{"test_sample_multi.toml"}, "sample-multi", "id", ""},
        {{"test_failing_shards.toml"}, "endgame-140,endgame-shard-failures", "serial_event_id",
         "serial_event_id"},
    };
    return suites;
}

}  // namespace eql::conformance
