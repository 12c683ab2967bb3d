// Tests for CheckFields: unknown fields with their "did you mean" note, and each type rule with
// its code, severity, exact message and the text it underlines.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/check/field_check.hpp"
#include "engine/check/field_check_internal.hpp"
#include "engine/check/schema_table.hpp"
#include "grammar/parse.hpp"

namespace {

using eql::Diagnostic;
using eql::FieldType;
using eql::Severity;

const eql::FieldTable& TestSchema() {
    static const eql::FieldTable table = [] {
        eql::FieldTable t;
        t.AddField("event_type", FieldType::kKeyword);
        t.AddAlias("event.category", "event_type");
        t.AddField("process.name", FieldType::kKeyword);
        t.AddField("process.pid", FieldType::kLong);
        t.AddField("process.parent.name", FieldType::kKeyword);
        t.AddField("process.parent.pid", FieldType::kLong);
        t.AddField("process.args_count", FieldType::kLong);
        t.AddField("file.size", FieldType::kDouble);
        t.AddField("source.ip", FieldType::kIp);
        t.AddField("host.geo.location", FieldType::kUnsupported);
        t.AddField("message", FieldType::kText);
        t.AddField("flag", FieldType::kBoolean);
        t.AddField("@timestamp", FieldType::kDate);
        t.AddField("package.version", FieldType::kVersion);
        t.AddNested("process.pe.sections");
        t.AddField("process.pe.sections.name", FieldType::kKeyword);
        return t;
    }();
    return table;
}

std::vector<Diagnostic> Check(const std::string& query, eql::FieldCheckOptions options = {}) {
    eql::grammar::ParseResult parsed = eql::grammar::ParseQuery(query);
    if (!parsed.query) {
        FAIL("query does not parse: " << query << ": "
                                      << (parsed.error ? parsed.error->message : ""));
        return {};
    }
    return eql::CheckFields(*parsed.query, TestSchema(), options);
}

std::string Underlined(const std::string& query, const Diagnostic& diagnostic) {
    return query.substr(diagnostic.offset, diagnostic.length);
}

// One expected finding: code, severity, underlined text, message and note.
struct Expected {
    const char* code;
    Severity severity;
    const char* underlined;
    const char* message;
    const char* note;
};

void CheckOne(const std::string& query, const Expected& expected,
              eql::FieldCheckOptions options = {}) {
    CAPTURE(query);
    std::vector<Diagnostic> found = Check(query, options);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == expected.code);
    CHECK(found[0].severity == expected.severity);
    CHECK(Underlined(query, found[0]) == expected.underlined);
    CHECK(found[0].message == expected.message);
    CHECK(found[0].note == expected.note);
}

void CheckClean(const std::string& query) {
    CAPTURE(query);
    std::vector<Diagnostic> found = Check(query);
    for (const Diagnostic& diagnostic : found) {
        CAPTURE(diagnostic.message);
    }
    CHECK(found.empty());
}

}  // namespace

TEST_SUITE("field_check") {

TEST_CASE("unknown field suggests the nearest name") {
    CheckOne(R"(process where proces.name == "cmd.exe")",
             {"unknown-field", Severity::kWarning, "proces.name", "unknown field 'proces.name'",
              "did you mean 'process.name'?"});
}

TEST_CASE("unknown field without a near name has no note") {
    CheckOne(R"(process where winlog.event_data.TargetImage : "x")",
             {"unknown-field", Severity::kWarning, "winlog.event_data.TargetImage",
              "unknown field 'winlog.event_data.TargetImage'", ""});
}

TEST_CASE("unknown field in a join key is reported") {
    std::string query = "sequence by host.id [process where true] [process where true]";
    std::vector<Diagnostic> found = Check(query);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "unknown-field");
    CHECK(Underlined(query, found[0]) == "host.id");
    CHECK(found[0].message == "unknown field 'host.id'");
}

TEST_CASE("optional unknown field is accepted") {
    CheckClean(R"(process where ?proces.name == "cmd.exe")");
    CheckClean(R"(sequence by ?host.id [process where true] [process where true])");
}

TEST_CASE("optional known field is still type checked") {
    CheckOne(R"(process where ?process.pid : "4")",
             {"non-string-field", Severity::kError, "?process.pid",
              "':' needs a string field, but 'process.pid' has type long", "use '==' instead"});
}

TEST_CASE("alias field resolves to its target type") {
    CheckClean(R"(any where event.category : "process")");
    CheckOne("any where event.category == 1",
             {"comparison-type-mismatch", Severity::kWarning, "1",
              "invalid comparison of number to string: field 'event.category' has type keyword",
              "quote the value: \"1\""});
}

TEST_CASE("colon on non-string fields is an error") {
    CheckOne(R"(network where source.ip : "10.*")",
             {"non-string-field", Severity::kError, "source.ip",
              "':' needs a string field, but 'source.ip' has type ip",
              "use '==' or cidrMatch() on ip fields"});
    CheckOne(R"(process where flag : "true")",
             {"non-string-field", Severity::kError, "flag",
              "':' needs a string field, but 'flag' has type boolean", "use '==' instead"});
    CheckOne(R"(process where file.size : ("1", "2"))",
             {"non-string-field", Severity::kError, "file.size",
              "':' needs a string field, but 'file.size' has type double", "use '==' instead"});
}

TEST_CASE("like and regex on non-string fields are errors") {
    CheckOne(R"(process where process.pid like~ "4*")",
             {"non-string-field", Severity::kError, "process.pid",
              "'like~' needs a string field, but 'process.pid' has type long", ""});
    CheckOne(R"(process where @timestamp regex "2020.*")",
             {"non-string-field", Severity::kError, "@timestamp",
              "'regex' needs a string field, but '@timestamp' has type date", ""});
    CheckOne(R"(process where package.version like "1.*")",
             {"non-string-field", Severity::kError, "package.version",
              "'like' needs a string field, but 'package.version' has type version", ""});
}

TEST_CASE("string operators on keyword fields are accepted") {
    CheckClean(R"(process where process.name : "cmd*" and process.name like~ "CMD*")");
    CheckClean(R"(process where process.name regex~ "c.d" and process.parent.name in~ ("a"))");
}

TEST_CASE("cidrMatch needs an ip field") {
    CheckOne(R"(network where cidrmatch(process.name, "10.0.0.0/8"))",
             {"non-ip-field", Severity::kError, "process.name",
              "cidrmatch() needs an ip field, but 'process.name' has type keyword",
              "Elasticsearch matches CIDR blocks only on fields mapped as ip"});
    CheckClean(R"(network where cidrMatch(source.ip, "10.0.0.0/8", "fe80::/10"))");
}

TEST_CASE("string literal compared with a number field warns") {
    CheckOne(R"(process where process.pid == "4")",
             {"comparison-type-mismatch", Severity::kWarning, "\"4\"",
              "invalid comparison of string to number: field 'process.pid' has type long",
              "write the number without quotes: 4"});
    CheckOne(R"(process where file.size >= "big")",
             {"comparison-type-mismatch", Severity::kWarning, "\"big\"",
              "invalid comparison of string to number: field 'file.size' has type double", ""});
}

TEST_CASE("number literal compared with a string field warns") {
    CheckOne("process where process.name != 4624",
             {"comparison-type-mismatch", Severity::kWarning, "4624",
              "invalid comparison of number to string: field 'process.name' has type keyword",
              "quote the value: \"4624\""});
    CheckOne("network where source.ip == -1",
             {"comparison-type-mismatch", Severity::kWarning, "-1",
              "invalid comparison of number to ip: field 'source.ip' has type ip",
              "quote the value: \"-1\""});
}

TEST_CASE("strict comparisons turn the warning into an error") {
    eql::FieldCheckOptions strict;
    strict.strict_comparisons = true;
    CheckOne(R"(process where process.pid < "4")",
             {"comparison-type-mismatch", Severity::kError, "\"4\"",
              "invalid comparison of string to number: field 'process.pid' has type long",
              "write the number without quotes: 4"},
             strict);
}

TEST_CASE("comparisons of matching kinds are accepted") {
    CheckClean(R"(process where process.pid == 4 and process.name == "a" and file.size > 1.5)");
    CheckClean(R"(network where source.ip == "10.0.0.1" and package.version > "1.2.0")");
    CheckClean(R"(process where @timestamp > "2020-01-01" and flag == true)");
    CheckClean("process where process.name == null and process.pid != null");
}

TEST_CASE("in list value of another type is an error") {
    CheckOne(R"(process where process.pid in (1, "a", "b"))",
             {"in-type-mismatch", Severity::kError, "\"a\"",
              "'in' list value \"a\" is a string, but field 'process.pid' has type long", ""});
    CheckOne(R"(process where process.name not in~ ("a", 2))",
             {"in-type-mismatch", Severity::kError, "2",
              "'not in~' list value 2 is a number, but field 'process.name' has type keyword",
              ""});
    CheckOne(R"(network where source.ip in ("127.0.0.1", "::1"))",
             {"in-type-mismatch", Severity::kError, "\"127.0.0.1\"",
              "'in' list value \"127.0.0.1\" is a string, but field 'source.ip' has type ip",
              "compare ip fields with '==' or cidrMatch()"});
    CheckOne("process where flag in (true, 1)",
             {"in-type-mismatch", Severity::kError, "1",
              "'in' list value 1 is a number, but field 'flag' has type boolean", ""});
}

TEST_CASE("in list of matching values is accepted") {
    CheckClean("process where process.pid in (1, -2, 3.5, null)");
    CheckClean(R"(process where process.name in ("a", null))");
}

TEST_CASE("long string literal is shortened in messages") {
    std::string query = "process where process.pid in (1, \"" + std::string(60, 'x') + "\")";
    std::vector<Diagnostic> found = Check(query);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message == "'in' list value \"" + std::string(40, 'x') +
                                  "...\" is a string, but field 'process.pid' has type long");
}

TEST_CASE("sequence keys of different types are an error") {
    std::string query =
        "sequence [process where true] by process.name [process where true] by process.pid";
    std::vector<Diagnostic> found = Check(query);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "join-key-type");
    CHECK(found[0].severity == Severity::kError);
    CHECK(Underlined(query, found[0]) == "process.pid");
    CHECK(found[0].offset == query.rfind("process.pid"));
    CHECK(found[0].message ==
          "sequence key 'process.pid' has type long, but key 'process.name' of the first stage "
          "has type keyword");
}

TEST_CASE("sequence until key of another type is an error") {
    std::string query =
        "sequence by process.name [process where true] by process.pid "
        "[process where true] by process.parent.pid until [process where true] by message";
    std::vector<Diagnostic> found = Check(query);
    // `message` is text: reported as such, and again as a key whose type differs.
    REQUIRE(found.size() == 2);
    CHECK(found[0].code == "text-field");
    CHECK(found[1].code == "join-key-type");
    CHECK(found[1].message ==
          "sequence key 'message' has type text, but key 'process.pid' of the first stage has "
          "type long");
}

TEST_CASE("compatible sequence keys are accepted") {
    CheckClean("sequence by process.name [process where true] by process.pid "
               "[file where true] by file.size");
    CheckClean("sequence [process where true] by event.category "
               "[file where true] by process.parent.name");
}

TEST_CASE("sample keys are not compared across stages") {
    CheckClean("sample [process where true] by process.name [process where true] by process.pid");
}

TEST_CASE("join until stage fields are checked") {
    std::string query =
        "join [process where true] [file where true] until [file where proces.pid == 1]";
    std::vector<Diagnostic> found = Check(query);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "unknown-field");
    CHECK(Underlined(query, found[0]) == "proces.pid");
}

TEST_CASE("object field used as a value is an error") {
    CheckOne(R"(process where process.parent == "x")",
             {"object-field", Severity::kError, "process.parent",
              "field 'process.parent' is an object, not a value",
              "name one of its sub-fields, such as 'process.parent.name'"});
    CheckClean("process where process.parent != null");
}

TEST_CASE("unsupported and text fields are errors") {
    CheckOne(R"(any where host.geo.location == "x")",
             {"unsupported-field-type", Severity::kError, "host.geo.location",
              "field 'host.geo.location' has a type that EQL cannot use",
              "EQL reads keyword, text with a keyword sub-field, numeric, boolean, date, ip and "
              "version fields"});
    CheckOne(R"(any where message : "*error*")",
             {"text-field", Severity::kError, "message",
              "field 'message' is text without a keyword sub-field",
              "EQL matches exact values only; it needs a keyword field or sub-field"});
}

TEST_CASE("field inside a nested container is an error") {
    CheckOne(R"(file where process.pe.sections.name : ".text")",
             {"nested-field", Severity::kError, "process.pe.sections.name",
              "field 'process.pe.sections.name' is inside the nested field 'process.pe.sections', "
              "which EQL cannot search",
              ""});
    CheckOne(R"(file where process.pe.sections == "x")",
             {"object-field", Severity::kError, "process.pe.sections",
              "field 'process.pe.sections' is an object, not a value",
              "name one of its sub-fields, such as 'process.pe.sections.name'"});
}

TEST_CASE("operands left to the verifier are not checked") {
    CheckClean("process where process.pid");
    CheckClean("process where process.name + 1 > 2 and length(process.pid) > 1");
}

TEST_CASE("findings come in query order") {
    std::string query =
        R"(process where proces.name == "a" and process.pid : "1" and source.ip in ("x"))";
    std::vector<Diagnostic> found = Check(query);
    REQUIRE(found.size() == 3);
    CHECK(found[0].code == "unknown-field");
    CHECK(found[1].code == "non-string-field");
    CHECK(found[2].code == "in-type-mismatch");
    CHECK(found[0].offset < found[1].offset);
    CHECK(found[1].offset < found[2].offset);
}

TEST_CASE("deeply nested condition is walked without recursion") {
    // Built by hand, because the parser caps nesting long before this depth.
    eql::ast::Query query;
    query.kind = eql::ast::QueryKind::kEvent;
    auto leaf = std::make_unique<eql::ast::Expr>();
    leaf->kind = eql::ast::ExprKind::kField;
    leaf->field.path = "proces.name";
    leaf->field.segments = {"proces", "name"};
    leaf->field.span = {0, 11};
    eql::ast::ExprPtr node = std::move(leaf);
    for (int i = 0; i < 200000; ++i) {
        auto parent = std::make_unique<eql::ast::Expr>();
        parent->kind = eql::ast::ExprKind::kNot;
        parent->children.push_back(std::move(node));
        node = std::move(parent);
    }
    query.event.condition = std::move(node);

    std::vector<Diagnostic> found = eql::CheckFields(query, TestSchema());
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "unknown-field");

    // Destroying a chain this deep recursively would overflow, so it is unlinked one by one.
    eql::ast::ExprPtr chain = std::move(query.event.condition);
    while (chain && !chain->children.empty()) {
        eql::ast::ExprPtr next = std::move(chain->children[0]);
        chain = std::move(next);
    }
}

TEST_CASE("suggestion takes the nearest candidate") {
    std::vector<std::string> candidates = {"file.name", "file.path", "process.name",
                                           "process.parent.name", "user.name"};
    CHECK(eql::detail::SuggestField("porcess.name", candidates) == "process.name");
    CHECK(eql::detail::SuggestField("process.nmae", candidates) == "process.name");
    CHECK(eql::detail::SuggestField("process.parent.nam", candidates) ==
          "process.parent.name");
    CHECK(eql::detail::SuggestField("file.nam", candidates) == "file.name");
    CHECK(eql::detail::SuggestField("file.pat", candidates) == "file.path");
    CHECK_FALSE(eql::detail::SuggestField("file.hash", candidates).has_value());
    CHECK_FALSE(eql::detail::SuggestField("user.id", candidates).has_value());
    CHECK_FALSE(eql::detail::SuggestField("host.name", candidates).has_value());
    CHECK_FALSE(eql::detail::SuggestField("process.name", candidates).has_value());
}

TEST_CASE("suggestion tie goes to the first candidate") {
    std::vector<std::string> candidates = {"file.nane", "file.nbme"};
    CHECK(eql::detail::SuggestField("file.name", candidates) == "file.nane");
}

}  // TEST_SUITE
