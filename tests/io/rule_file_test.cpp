// Reading rule files and rule fixtures: metadata, the query's position in the file, other
// languages, invalid TOML, directory search, and fixture validation.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "engine/io/rule_file.hpp"
#include "engine/io/rule_fixture.hpp"

namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("eqlite-rule-file-" + std::to_string(::rand()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string Write(const std::string& name, const std::string& text) const {
        fs::path file = path / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file.string();
    }
};

const char* kEqlRule = R"([metadata]
maturity = "production"

[rule]
name = "Certutil decode"
rule_id = "0a1b2c3d"
language = "eql"
index = ["logs-endpoint.events.process-*", "winlogbeat-*"]
timestamp_override = "event.ingested"
event_category_override = "event.type"
tiebreaker_field = "event.sequence"
query = '''
process where process.name : "certutil.exe"
'''
)";

}  // namespace

TEST_SUITE("rule_file") {

TEST_CASE("detection-rules TOML gives the query and its metadata") {
    TempDir dir;
    eql::RuleFileResult result = eql::LoadRuleFile(dir.Write("certutil.toml", kEqlRule));
    REQUIRE(result.status == eql::RuleFileStatus::kLoaded);
    const eql::RuleFile& rule = *result.rule;
    CHECK(rule.name == "Certutil decode");
    CHECK(rule.rule_id == "0a1b2c3d");
    CHECK(rule.query == "process where process.name : \"certutil.exe\"\n");
    CHECK(rule.index == std::vector<std::string>{"logs-endpoint.events.process-*", "winlogbeat-*"});
    CHECK(rule.timestamp_override == "event.ingested");
    CHECK(rule.event_category_override == "event.type");
    CHECK(rule.tiebreaker_field == "event.sequence");
}

TEST_CASE("query position is the line after the opening quotes") {
    TempDir dir;
    eql::RuleFileResult result = eql::LoadRuleFile(dir.Write("certutil.toml", kEqlRule));
    REQUIRE(result.rule.has_value());
    CHECK(result.rule->query_origin.line == 13);
    CHECK(result.rule->query_origin.column == 1);
    CHECK(result.rule->query_verbatim);
    CHECK(result.rule->file_text.substr(result.rule->query_offset, 7) == "process");
}

TEST_CASE("single-line query keeps its column") {
    TempDir dir;
    std::string text = "[rule]\nlanguage = \"eql\"\nquery = \"any where true\"\n";
    eql::RuleFileResult result = eql::LoadRuleFile(dir.Write("one.toml", text));
    REQUIRE(result.rule.has_value());
    CHECK(result.rule->query_origin.line == 3);
    CHECK(result.rule->query_origin.column == 10);
}

TEST_CASE("rules in other languages are counted, not loaded") {
    TempDir dir;
    std::string text = "[rule]\nlanguage = \"kuery\"\nquery = \"process.name: x\"\n";
    eql::RuleFileResult result = eql::LoadRuleFile(dir.Write("kql.toml", text));
    CHECK(result.status == eql::RuleFileStatus::kOtherLanguage);
    CHECK(result.language == "kuery");
}

TEST_CASE("TOML without a rule table is not a rule") {
    TempDir dir;
    eql::RuleFileResult result = eql::LoadRuleFile(dir.Write("config.toml", "[files]\nx = 1\n"));
    CHECK(result.status == eql::RuleFileStatus::kNotARule);
}

TEST_CASE("invalid TOML is a finding with its position") {
    TempDir dir;
    std::string text = "[rule]\nlanguage = \"eql\"\nquery = '''\nany where true\n";
    eql::RuleFileResult result = eql::LoadRuleFile(dir.Write("broken.toml", text));
    REQUIRE(result.status == eql::RuleFileStatus::kInvalid);
    CHECK(result.error.code == "invalid-rule-file");
    CHECK(result.error.message.rfind("invalid TOML: ", 0) == 0);
    CHECK(result.error.offset > 0);
}

TEST_CASE("an EQL rule without a query is invalid") {
    TempDir dir;
    eql::RuleFileResult result =
        eql::LoadRuleFile(dir.Write("empty.toml", "[rule]\nlanguage = \"eql\"\n"));
    REQUIRE(result.status == eql::RuleFileStatus::kInvalid);
    CHECK(result.error.message == "rule.query is missing or not a string");
}

TEST_CASE("an .eql file is the query itself") {
    TempDir dir;
    eql::RuleFileResult result = eql::LoadRuleFile(dir.Write("dns.eql", "dns where true\n"));
    REQUIRE(result.rule.has_value());
    CHECK(result.rule->query == "dns where true\n");
    CHECK(result.rule->rule_id == "dns");
}

TEST_CASE("directories are searched recursively, fixtures left out") {
    TempDir dir;
    dir.Write("a/one.toml", kEqlRule);
    dir.Write("a/one.test.toml", "[[case]]\n");
    dir.Write("b/c/two.eql", "any where true");
    dir.Write("b/notes.md", "text");
    std::vector<std::string> missing;
    std::vector<std::string> found =
        eql::FindRuleFiles({dir.path.string(), (dir.path / "absent").string()}, &missing);
    REQUIRE(found.size() == 2);
    CHECK(found[0] == (dir.path / "a/one.toml").string());
    CHECK(found[1] == (dir.path / "b/c/two.eql").string());
    CHECK(missing == std::vector<std::string>{(dir.path / "absent").string()});
}

TEST_CASE("fixture path sits beside the rule") {
    CHECK(eql::FixturePathForRule("rules/net/socks.toml") == "rules/net/socks.test.toml");
    CHECK(eql::FixturePathForRule("rules/dns.eql") == "rules/dns.test.toml");
}

TEST_CASE("fixture cases read lines, ids, missing stages and files") {
    TempDir dir;
    std::string text = "id_field = \"event.id\"\n"
                       "[[case]]\nname = \"inline\"\nevents = '''\n{}\n'''\n"
                       "expect = [[1, \"b\", 0]]\n"
                       "[[case]]\nname = \"file\"\nevents_file = \"data/x.ndjson\"\nexpect = []\n";
    eql::RuleFixtureResult result = eql::LoadRuleFixture(dir.Write("r.test.toml", text));
    REQUIRE(result.fixture.has_value());
    const eql::RuleFixture& fixture = *result.fixture;
    CHECK(fixture.id_field == "event.id");
    REQUIRE(fixture.cases.size() == 2);
    REQUIRE(fixture.cases[0].expected.size() == 1);
    const auto& match = fixture.cases[0].expected[0];
    REQUIRE(match.size() == 3);
    CHECK(match[0].kind == eql::ExpectedEvent::Kind::kLine);
    CHECK(match[0].line == 1);
    CHECK(match[1].kind == eql::ExpectedEvent::Kind::kId);
    CHECK(match[1].id == "b");
    CHECK(match[2].kind == eql::ExpectedEvent::Kind::kMissing);
    CHECK(fixture.cases[1].expected.empty());
    CHECK(fixture.cases[1].events_file == (dir.path / "data/x.ndjson").string());
}

TEST_CASE("fixture errors name the problem") {
    TempDir dir;
    struct Row {
        const char* text;
        const char* message;
    };
    const Row rows[] = {
        {"x = 1\n", "a fixture needs at least one [[case]]"},
        {"[[case]]\nexpect = []\nevents = ''\n", "a case needs a 'name'"},
        {"[[case]]\nname = \"a\"\nexpect = []\n",
         "case 'a' needs exactly one of 'events' (inline NDJSON) and 'events_file' (a path "
         "relative to the fixture)"},
        {"[[case]]\nname = \"a\"\nevents = ''\n",
         "case 'a' needs 'expect': a list of matches, or [] when the rule must not match"},
        {"[[case]]\nname = \"a\"\nevents = ''\nexpect = [1]\n",
         "each expected match must be a non-empty list of events"},
        {"[[case]]\nname = \"a\"\nevents = ''\nexpect = [[true]]\n",
         "an expected event is a line number (0 for a missing stage) or an id string"},
    };
    for (const Row& row : rows) {
        std::string input = row.text;
        CAPTURE(input);
        eql::RuleFixtureResult result = eql::LoadRuleFixture(dir.Write("f.test.toml", row.text));
        CHECK_FALSE(result.fixture.has_value());
        CHECK(result.error.message == row.message);
    }
}

}  // TEST_SUITE
