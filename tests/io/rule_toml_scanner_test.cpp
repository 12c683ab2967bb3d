// The fast rule-file scanner against toml++: both readers must give the same RuleFileResult for
// every file, whether the scanner reads the file itself or hands it to toml++. Covers the
// scanner's subset of TOML case by case, the cases it leaves to toml++, mutated rule files,
// and every file of the detection-rules corpus when EQLITE_SHARED_DIR has it.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io/rule_file.hpp"
#include "engine/io/rule_toml_scanner.hpp"

namespace {

using eql::RuleFileResult;
using eql::RuleFileStatus;
using eql::RuleTomlReader;

// Every field of a result, one per line, so that two results compare as text and a failure
// shows which field differs.
std::string Describe(const RuleFileResult& result) {
    std::ostringstream out;
    out << "status " << static_cast<int>(result.status) << "\nlanguage " << result.language
        << "\nerror " << result.error.code << " @" << result.error.offset << " "
        << result.error.message << "\nerror text " << result.file_text.size() << " bytes\n";
    if (!result.rule) {
        return out.str();
    }
    const eql::RuleFile& rule = *result.rule;
    out << "path " << rule.path << "\nrule_id " << rule.rule_id << "\nname " << rule.name
        << "\nlanguage " << rule.language << "\nquery [" << rule.query << "]\nindex";
    for (const std::string& pattern : rule.index) {
        out << " [" << pattern << "]";
    }
    out << "\ntimestamp_override " << rule.timestamp_override << "\nevent_category_override "
        << rule.event_category_override << "\ntiebreaker_field " << rule.tiebreaker_field
        << "\norigin " << rule.query_origin.path << ":" << rule.query_origin.line << ":"
        << rule.query_origin.column << "\nquery_offset " << rule.query_offset
        << "\nverbatim " << rule.query_verbatim << "\nfile_text " << rule.file_text.size()
        << " bytes, hash " << std::hash<std::string>{}(rule.file_text) << "\n";
    return out.str();
}

RuleFileResult ReadFast(const std::string& text, const std::string& path = "rule.toml") {
    return eql::ParseRuleFile(path, text, RuleTomlReader::kFast);
}

RuleFileResult ReadToml(const std::string& text, const std::string& path = "rule.toml") {
    return eql::ParseRuleFile(path, text, RuleTomlReader::kTomlPlusPlus);
}

bool Scanned(const std::string& text) {
    return eql::detail::ScanRuleToml(text).has_value();
}

// Requires both readers to agree on `text`; returns whether the scanner read it itself.
bool ReadersAgree(const std::string& text) {
    CAPTURE(text);
    CHECK(Describe(ReadFast(text)) == Describe(ReadToml(text)));
    return Scanned(text);
}

// Returns `text` with one spot changed: a byte dropped, doubled or replaced by a byte that
// matters to TOML, or a line repeated. The same generator state gives the same mutant.
std::string Mutate(std::string text, std::mt19937& random) {
    static const char kReplacements[] = "\"'\\[]{}=#.,\n\t 0-+:eTZ_\x01\x7F\xC3\xA9\xFF\r";
    if (text.empty()) {
        return text;
    }
    size_t at = random() % text.size();
    switch (random() % 4) {
        case 0: text.erase(at, 1); break;
        case 1: text.insert(at, 1, text[at]); break;
        case 2: text[at] = kReplacements[random() % (sizeof(kReplacements) - 1)]; break;
        default: {
            size_t line = text.rfind('\n', at);
            line = line == std::string::npos ? 0 : line + 1;
            size_t end = text.find('\n', at);
            text.insert(line, text.substr(line, end - line + 1));
        }
    }
    return text;
}

std::string ReadWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> CorpusFiles() {
    std::string root = std::string(EQLITE_SHARED_DIR) + "/rules/detection-rules";
    if (!std::filesystem::is_directory(root)) {
        MESSAGE("skipped: " << root << " is absent");
        return {};
    }
    std::vector<std::string> missing;
    return eql::FindRuleFiles({root}, &missing);
}

const char* kRule = R"(# A rule file with most of what detection-rules files hold.
[metadata]
creation_date = "2023/01/11"
integration = ["endpoint", "windows"]
maturity = "production"

[rule]
author = ["Elastic"]
description = """
Detects a process. Quotes "inside" and a tab	here.
"""
from = "now-9m"
index = ["logs-endpoint.events.process-*", 'winlogbeat-*']
language = "eql"
name = "Suspicious \"Certutil\" Decode"
risk_score = 47
rule_id = "1dee0500-4aeb-44ca-b24b-4a285d7b6ba1"
severity = "medium"
tags = [
    "Domain: Endpoint",  # a comment inside an array
    "OS: Windows",
]
timestamp_override = "event.ingested"
type = "eql"

query = '''
process where process.name : "certutil.exe" and process.args : "C:\\*"
'''

note = """## Triage
Run `certutil -decode` \
    again.
"""

[[rule.threat]]
framework = "MITRE ATT&CK"
[[rule.threat.technique]]
id = "T1140"
name = "Deobfuscate/Decode Files or Information"
reference = "https://attack.mitre.org/techniques/T1140/"

[rule.threat.tactic]
id = "TA0005"
name = "Defense Evasion"

[[rule.threat]]
framework = "MITRE ATT&CK"

[rule.investigation_fields]
field_names = ["process.name", "process.args"]

[rule.alert_suppression]
group_by = ["host.name"]
duration = {value = 5, unit = "m"}
missing_fields_strategy = "suppress"

[[rule.filters]]
[rule.filters.query.wildcard."file.path"]
case_insensitive = true
value = "?:\\Windows\\*"
)";

}  // namespace

TEST_SUITE("rule_toml_scanner") {

TEST_CASE("scanner reads a typical rule file itself") {
    std::string text = kRule;
    REQUIRE(Scanned(text));
    RuleFileResult result = ReadFast(text);
    REQUIRE(result.status == RuleFileStatus::kLoaded);
    const eql::RuleFile& rule = *result.rule;
    CHECK(rule.name == "Suspicious \"Certutil\" Decode");
    CHECK(rule.rule_id == "1dee0500-4aeb-44ca-b24b-4a285d7b6ba1");
    CHECK(rule.index ==
          std::vector<std::string>{"logs-endpoint.events.process-*", "winlogbeat-*"});
    CHECK(rule.timestamp_override == "event.ingested");
    CHECK(rule.query ==
          "process where process.name : \"certutil.exe\" and process.args : \"C:\\\\*\"\n");
    CHECK(rule.query_origin.line == 27);
    CHECK(rule.query_origin.column == 1);
    CHECK(rule.query_verbatim);
    CHECK(text.substr(rule.query_offset, 7) == "process");
    CHECK(Describe(result) == Describe(ReadToml(text)));
}

TEST_CASE("basic string escapes decode as toml++ decodes them") {
    std::string text = "[rule]\nlanguage = \"eql\"\n"
                       "name = \"a\\tb\\n\\\"q\\\" \\\\ \\u00e9 \\U0001F600 \\b\\f\\r\"\n"
                       "query = \"any where true\"\n";
    REQUIRE(Scanned(text));
    RuleFileResult result = ReadFast(text);
    REQUIRE(result.rule.has_value());
    CHECK(result.rule->name == "a\tb\n\"q\" \\ \xC3\xA9 \xF0\x9F\x98\x80 \b\f\r");
    CHECK(ReadersAgree(text));
}

TEST_CASE("multi-line basic query with escapes is not verbatim") {
    std::string text = "[rule]\nlanguage = \"eql\"\nquery = \"\"\"\n"
                       "process where \\\n    process.name == \"a\\u0062c\"\n\"\"\"\n";
    REQUIRE(Scanned(text));
    RuleFileResult result = ReadFast(text);
    REQUIRE(result.rule.has_value());
    CHECK(result.rule->query == "process where process.name == \"abc\"\n");
    CHECK_FALSE(result.rule->query_verbatim);
    CHECK(result.rule->query_origin.line == 4);
    CHECK(result.rule->query_origin.column == 1);
    CHECK(ReadersAgree(text));
}

TEST_CASE("one-line literal query keeps its column") {
    std::string text = "[rule]\nlanguage = 'eql'\n  query  =  'any where true' # why\n";
    REQUIRE(Scanned(text));
    RuleFileResult result = ReadFast(text);
    REQUIRE(result.rule.has_value());
    CHECK(result.rule->query == "any where true");
    CHECK(result.rule->query_origin.line == 3);
    CHECK(result.rule->query_origin.column == 14);
    CHECK(result.rule->query_offset == 37);
    CHECK(ReadersAgree(text));
}

TEST_CASE("line-ending backslashes trim newlines and indentation") {
    std::string text = "[rule]\nlanguage = \"eql\"\nquery = \"\"\"a \\  \n\n   \t b\\\n\"\"\"\n";
    REQUIRE(Scanned(text));
    RuleFileResult result = ReadFast(text);
    REQUIRE(result.rule.has_value());
    CHECK(result.rule->query == "a b");
    CHECK(ReadersAgree(text));
}

TEST_CASE("scalars and arrays in the scanner's subset are read") {
    const char* rows[] = {
        "a = 1\nb = -0\nc = +17\nd = 1_000\ne = 9223372036854775\n",
        "a = 1.5\nb = -0.0\nc = 1e5\nd = 1E+05\ne = 6.02e-23\nf = 1_0.5_0\n",
        "a = true\nb = false\n",
        "a = 1979-05-27\nb = 2024-02-29\nc = 1979-05-27T07:32:00Z\n",
        "a = 1979-05-27T07:32:00.999999999-07:00\nb = 1979-05-27T00:32:00\n",
        "a = []\nb = [ ]\nc = [1, 'x', \"y\", [2, [3]], {k = 1}]\n",
        "a = [\n  1, # one\n\n  2,\n]\n",
        "a = {}\nb = {x = 1, \"y z\" = 'w', n = {m = [1, 2]}}\n",
        "a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''\ne = \"\"\"\n\"\"\"\n",
        "a = \"\"\"x\"y\"\"z\"\"\"\nb = '''x'y''z'''\n",
        "\"quoted key\" = 1\n'literal key' = 2\n\"\xC3\xA9\" = 3\n",
        "[a]\n[\"b.c\"]\n[d.'e'.\"f\"]\n",
        "# only a comment \xE2\x80\x94 with UTF-8\n\n\t\n",
        "",
        "a = 1",
    };
    for (const char* row : rows) {
        std::string text = row;
        CAPTURE(text);
        CHECK(Scanned(text));
        CHECK(ReadersAgree(text));
    }
}

TEST_CASE("table rules: super-tables, arrays of tables and their elements") {
    const char* rows[] = {
        "[a.b.c]\n[a.b]\n[a]\n",
        "[a.b]\nx = 1\n[a]\ny = 2\n",
        "[[a]]\nb = 1\n[[a]]\nb = 2\n",
        "[[a]]\n[a.b]\n[[a]]\n[a.b]\n",
        "[[a.b]]\n[a]\n",
        "[a]\n[[a.b]]\n[a.b.c]\n[[a.b]]\n[a.b.c]\n",
        "[\"a\"]\nx = 1\n[a.b]\n",
    };
    for (const char* row : rows) {
        std::string text = row;
        CAPTURE(text);
        CHECK(Scanned(text));
        CHECK(ReadersAgree(text));
    }
}

TEST_CASE("invalid TOML falls back to toml++ and its message") {
    struct Row {
        const char* text;
        const char* message;
        uint32_t offset;
    };
    const Row rows[] = {
        {"name = 1\nname = 2\n",
         "key-value pair: cannot redefine existing integer 'name'", 16},
        {"\"a\" = 1\na = 2\n", "key-value pair: cannot redefine existing integer 'a'", 12},
        {"[a]\n[a]\n", "table header: cannot redefine existing table 'a'", 4},
        {"[[a]]\n[a]\n", "table header: cannot redefine existing array 'a' as table", 6},
        {"[a]\n[[a]]\n",
         "table header: cannot redefine existing table 'a' as array-of-tables", 4},
        {"a = 1\n[a.b]\n", "table header: cannot redefine existing integer 'a.b' as table", 12},
        {"a = {b = 1}\n[a.c]\n", "table header: cannot insert 'a.c' into existing inline table",
         18},
        {"[a.b]\n[a]\nb = 1\n", "key-value pair: cannot redefine existing table 'b'", 14},
        {"a = \"\\x41\"\n",
         "string: escape sequence '\\x' is not supported in TOML 1.0.0 and earlier", 6},
        {"a = \"\\ud800\"\n",
         "unicode scalar sequence: unicode surrogates (U+D800 - U+DFFF) are explicitly "
         "prohibited", 11},
        {"a = \"abc\n",
         "string: unescaped control characters other than TAB (U+0009) are explicitly "
         "prohibited", 8},
        {"a = '''abc\n", "literal string: encountered end-of-file", 11},
        {"# \x01\n",
         "comment: control characters other than TAB (U+0009) are explicitly prohibited in "
         "comments", 2},
        {"a = \"\x7F\"\n",
         "string: unescaped control characters other than TAB (U+0009) are explicitly "
         "prohibited", 5},
        {"a = 2023-02-29\n", "date: expected day between 1 and 28 (inclusive), saw 29", 14},
        {"a = 01\n", "decimal integer: leading zeroes are prohibited", 6},
        {"a = 9223372036854775808\n",
         "decimal integer: '9223372036854775808' is not representable in 64 bits", 23},
        {"a = [1 2]\n", "array: expected comma or closing ']', saw '2'", 7},
        {"a = {b = 1,}\n",
         "inline table: expected key-value pair, saw closing '}' (dangling comma)", 11},
        {"a = 1 b\n", "key-value pair: expected a comment or whitespace, saw 'b'", 6},
        {"a = \"\"\"x\\   y\"\"\"\n",
         "string: line-ending backslashes must be the last non-whitespace character on the "
         "line", 12},
    };
    for (const Row& row : rows) {
        std::string text = row.text;
        CAPTURE(text);
        CHECK_FALSE(Scanned(text));
        RuleFileResult result = ReadFast(text);
        CHECK(result.status == RuleFileStatus::kInvalid);
        CHECK(result.error.message == std::string("invalid TOML: Error while parsing ") +
                                          row.message);
        CHECK(result.error.offset == row.offset);
        CHECK(Describe(result) == Describe(ReadToml(text)));
    }
}

TEST_CASE("invalid UTF-8 falls back to toml++") {
    for (const char* row : {"# \xFF\n", "a = \"\xED\xA0\x80\"\n", "a = '\xC0\x80'\n",
                            "a = \"\xF4\x90\x80\x80\"\n", "a = \"\xE2\x82\"\n"}) {
        std::string text = row;
        CAPTURE(text);
        CHECK_FALSE(Scanned(text));
        RuleFileResult result = ReadFast(text);
        CHECK(result.status == RuleFileStatus::kInvalid);
        CHECK(result.error.message == "invalid TOML: Encountered invalid utf-8 sequence");
        CHECK(Describe(result) == Describe(ReadToml(text)));
    }
}

TEST_CASE("valid TOML outside the subset falls back to toml++") {
    const char* rows[] = {
        "a.b = 1\n",                                  // dotted key in a key/value pair
        "\"a\\tb\" = 1\n",                            // escape in a quoted key
        "\"\" = 1\n",                                 // empty quoted key
        "a = {b = [1,\n2]}\n",                        // newline inside an inline table
        "a = {b.c = 1}\n",                            // dotted key inside an inline table
        "a = {b = \"\"\"x\ny\"\"\"}\n",              // multi-line string inside one
        "a = 1\r\nb = 2\r\n",                         // carriage returns
        "\xEF\xBB\xBF" "a = 1\n",                     // byte order mark
        "a = 07:32:00\n",                             // local time
        "a = 1979-05-27 07:32:00Z\n",                 // date-time with a space
        "a = 1979-05-27t07:32:00z\n",                 // lower-case date-time
        "a = inf\nb = nan\n",
        "a = 0x10\nb = 0o7\nc = 0b1\n",
        "a = 1e100\n",                                // exponent of three digits
        "a = 1000000000000000000\n",                  // 19 digits
        "a = \"\"\"x\"\"\"\"\n",                      // quote after the closing delimiter
        "a = '''x''''\n",
        "a = \"\"\"x\\\n\xC2\xA0y\"\"\"\n",           // no-break space after a line ending
        "[ a ]\n[a . b]\n",                           // spaces inside a header
        "a = [[[[[[[[[1]]]]]]]]]\n",                  // nesting beyond the scanner's bound
    };
    for (const char* row : rows) {
        std::string text = row;
        CAPTURE(text);
        CHECK_FALSE(Scanned(text));
        CHECK(ReadFast(text).status != RuleFileStatus::kInvalid);
        CHECK(Describe(ReadFast(text)) == Describe(ReadToml(text)));
    }
}

TEST_CASE("rule keys of other types fall back to toml++") {
    struct Row {
        const char* text;
        RuleFileStatus status;
    };
    const Row rows[] = {
        {"[rule]\nlanguage = 1\nquery = 'x'\n", RuleFileStatus::kOtherLanguage},
        {"[rule]\nlanguage = 'eql'\nquery = 1\n", RuleFileStatus::kInvalid},
        {"[rule]\nlanguage = 'eql'\nquery = 'x'\nindex = 'logs-*'\n", RuleFileStatus::kLoaded},
        {"[rule]\nlanguage = 'eql'\nquery = 'x'\nindex = ['a', 1]\n", RuleFileStatus::kLoaded},
        {"[rule]\nlanguage = 'eql'\nquery = 'x'\nname = ['n']\n", RuleFileStatus::kLoaded},
        {"[rule]\nlanguage = 'eql'\n[rule.query]\nx = 1\n", RuleFileStatus::kInvalid},
        {"[rule]\nlanguage = 'eql'\nquery = 'x'\n[rule.name.x]\n", RuleFileStatus::kLoaded},
        {"[[rule]]\nlanguage = 'eql'\nquery = 'x'\n", RuleFileStatus::kNotARule},
        {"rule = {language = 'eql', query = 'x'}\n", RuleFileStatus::kLoaded},
    };
    for (const Row& row : rows) {
        std::string text = row.text;
        CAPTURE(text);
        CHECK_FALSE(Scanned(text));
        CHECK(ReadFast(text).status == row.status);
        CHECK(Describe(ReadFast(text)) == Describe(ReadToml(text)));
    }
}

TEST_CASE("rule statuses agree when the scanner reads the file") {
    struct Row {
        const char* text;
        RuleFileStatus status;
    };
    const Row rows[] = {
        {"[metadata]\nx = 1\n", RuleFileStatus::kNotARule},
        {"[rule]\nlanguage = 'kuery'\nquery = 'a: b'\n", RuleFileStatus::kOtherLanguage},
        {"[rule]\nquery = 'a: b'\n", RuleFileStatus::kOtherLanguage},
        {"[rule.threat]\nx = 1\n", RuleFileStatus::kOtherLanguage},
        {"[rule]\nlanguage = 'eql'\n", RuleFileStatus::kInvalid},
        {"[rule]\nlanguage = 'eql'\nquery = 'any where true'\n", RuleFileStatus::kLoaded},
    };
    for (const Row& row : rows) {
        std::string text = row.text;
        CAPTURE(text);
        CHECK(Scanned(text));
        CHECK(ReadFast(text).status == row.status);
        CHECK(Describe(ReadFast(text)) == Describe(ReadToml(text)));
    }
}

TEST_CASE("mutated rule files read the same through both readers") {
    std::mt19937 random(20240611);
    size_t scanned = 0;
    const int kMutants = 3000;
    for (int i = 0; i < kMutants; ++i) {
        scanned += ReadersAgree(Mutate(kRule, random)) ? 1 : 0;
    }
    // Most mutants stay valid TOML (a changed letter in a string), so the scanner must read
    // most of them itself for this test to compare anything.
    MESSAGE("scanner read " << scanned << " of " << kMutants << " mutants itself");
    CHECK(scanned > kMutants / 2);
}

TEST_CASE("every corpus rule file reads the same through both readers") {
    std::vector<std::string> files = CorpusFiles();
    if (files.empty()) {
        return;
    }
    REQUIRE(files.size() > 1000);

    size_t scanned = 0;
    size_t differing = 0;
    for (const std::string& path : files) {
        std::string text = ReadWhole(path);
        std::string fast = Describe(eql::ParseRuleFile(path, text, RuleTomlReader::kFast));
        std::string toml = Describe(eql::ParseRuleFile(path, text, RuleTomlReader::kTomlPlusPlus));
        if (fast != toml) {
            ++differing;
            CAPTURE(path);
            CHECK(fast == toml);
        }
        scanned += Scanned(text) ? 1 : 0;
    }
    MESSAGE("scanner read " << scanned << " of " << files.size() << " corpus files itself");
    CHECK(differing == 0);
    CHECK(scanned * 100 >= files.size() * 99);
}

TEST_CASE("mutated corpus files read the same through both readers") {
    std::vector<std::string> files = CorpusFiles();
    if (files.empty()) {
        return;
    }
    std::mt19937 random(1940);
    size_t mutants = 0;
    size_t scanned = 0;
    for (size_t i = 0; i < files.size(); i += 7) {
        std::string text = ReadWhole(files[i]);
        for (int k = 0; k < 5; ++k) {
            std::string mutant = Mutate(text, random);
            CAPTURE(files[i]);
            std::string fast = Describe(eql::ParseRuleFile(files[i], mutant, RuleTomlReader::kFast));
            std::string toml =
                Describe(eql::ParseRuleFile(files[i], mutant, RuleTomlReader::kTomlPlusPlus));
            CHECK(fast == toml);
            ++mutants;
            scanned += Scanned(mutant) ? 1 : 0;
        }
    }
    MESSAGE("scanner read " << scanned << " of " << mutants << " corpus mutants itself");
    CHECK(scanned > mutants / 2);
}

}  // TEST_SUITE
