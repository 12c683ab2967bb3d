// Corpus tests: every EQL query of the public detection-rules repository and of the
// Elasticsearch QA suite parses, and prints back to the same tree. Both corpora live in the
// shared folder; the tests skip with a message when it is absent.
#include <doctest/doctest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "eql/diagnostic.hpp"
#include "grammar/parse.hpp"

namespace eql::grammar {
namespace {

namespace fs = std::filesystem;

struct CorpusQuery {
    std::string source;  // file, and the query's name where the file contains several
    std::string text;
};

const fs::path kSharedDir = EQLITE_SHARED_DIR;

// The `rule.query` of every `language = "eql"` rule under `root`, in path order.
std::vector<CorpusQuery> ReadDetectionRules(const fs::path& root) {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") {
            paths.push_back(entry.path());
        }
    }
    std::sort(paths.begin(), paths.end());

    std::vector<CorpusQuery> queries;
    for (const fs::path& path : paths) {
        const toml::table rule_file = toml::parse_file(path.string());
        if (rule_file["rule"]["language"].value_or(std::string()) != "eql") {
            continue;
        }
        queries.push_back({path.string(), rule_file["rule"]["query"].value_or(std::string())});
    }
    return queries;
}

// test_extra.toml writes a bare `null` inside some join_keys arrays, which is not TOML; it
// stands for the key value "null", as the other files spell it.
std::string QuoteBareNulls(const std::string& text) {
    static const std::regex kJoinKeysLine(R"(^\s*join_keys\s*=.*$)");
    static const std::regex kBareNull(R"((^|[^"])\bnull\b([^"]|$))");
    std::istringstream lines(text);
    std::string line;
    std::string out;
    while (std::getline(lines, line)) {
        if (std::regex_match(line, kJoinKeysLine)) {
            line = std::regex_replace(line, kBareNull, "$1\"null\"$2");
        }
        out += line + "\n";
    }
    return out;
}

// The queries of the QA suite files that current Elasticsearch runs.
std::vector<CorpusQuery> ReadConformanceQueries(const fs::path& root) {
    const char* const kFiles[] = {
        "test_queries.toml",     "additional_test_queries.toml", "test_queries_date.toml",
        "test_queries_date_nanos.toml", "test_extra.toml",      "test_missing_events.toml",
        "test_sample.toml",      "test_sample_multi.toml",       "test_failing_shards.toml"};
    std::vector<CorpusQuery> queries;
    for (const char* file : kFiles) {
        std::ifstream in(root / file);
        std::stringstream content;
        content << in.rdbuf();
        const toml::table suite = toml::parse(QuoteBareNulls(content.str()));
        const toml::array* specs = suite["queries"].as_array();
        REQUIRE_MESSAGE(specs != nullptr, file);
        for (const toml::node& spec : *specs) {
            const toml::table& table = *spec.as_table();
            queries.push_back({std::string(file) + " " + table["name"].value_or(std::string()),
                               table["query"].value_or(std::string())});
        }
    }
    return queries;
}

// Parses every query; returns how many parsed and reports each failure with its diagnostic.
size_t CountParsed(const std::vector<CorpusQuery>& queries) {
    size_t parsed = 0;
    for (const CorpusQuery& query : queries) {
        const ParseResult result = ParseQuery(query.text);
        if (result.query) {
            ++parsed;
            continue;
        }
        FAIL_CHECK(FormatDiagnostic(query.text, *result.error, SourceOrigin{query.source, 1, 1}));
    }
    return parsed;
}

void CheckRoundTrips(const std::vector<CorpusQuery>& queries) {
    for (const CorpusQuery& query : queries) {
        const ParseResult original = ParseQuery(query.text);
        if (!original.query) {
            continue;
        }
        CAPTURE(query.source);
        const std::string printed = ast::Print(*original.query);
        const ParseResult again = ParseQuery(printed);
        REQUIRE_MESSAGE(again.query.has_value(), printed);
        CHECK(ast::Dump(*again.query) == ast::Dump(*original.query));
    }
}

TEST_SUITE("grammar corpus") {
    TEST_CASE("every detection rule query parses") {
        const fs::path root = kSharedDir / "rules" / "detection-rules" / "rules";
        if (!fs::is_directory(root)) {
            MESSAGE("skipped: the detection-rules corpus is absent at " << root.string());
            return;
        }
        const std::vector<CorpusQuery> queries = ReadDetectionRules(root);

        const std::clock_t start = std::clock();
        const size_t parsed = CountParsed(queries);
        const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;

        MESSAGE(parsed << " of " << queries.size() << " EQL rules parsed in " << cpu_ms
                       << " ms of CPU time");
        CHECK(queries.size() == 954);
        CHECK(parsed == queries.size());
    }

    TEST_CASE("detection rules print back") {
        const fs::path root = kSharedDir / "rules" / "detection-rules" / "rules";
        if (!fs::is_directory(root)) {
            MESSAGE("skipped: the detection-rules corpus is absent at " << root.string());
            return;
        }
        CheckRoundTrips(ReadDetectionRules(root));
    }

    TEST_CASE("QA suite queries parse and print back") {
        const fs::path root = kSharedDir / "conformance" / "elasticsearch";
        if (!fs::is_directory(root)) {
            MESSAGE("skipped: the Elasticsearch QA suite is absent at " << root.string());
            return;
        }
        const std::vector<CorpusQuery> queries = ReadConformanceQueries(root);
        MESSAGE(queries.size() << " QA suite queries");
        CHECK(queries.size() == 320);
        CHECK(CountParsed(queries) == queries.size());
        CheckRoundTrips(queries);
    }
}

}  // namespace
}  // namespace eql::grammar
