// The verifier. One table row per kind of error gives Elasticsearch's exact wording, the
// position it points at and the code. Other tests list queries it must accept and check that
// several findings come back at once.
#include <doctest/doctest.h>

#include "engine/check/verify.hpp"
#include "grammar/parse.hpp"
#include "tests/expr/condition_harness.hpp"

namespace eql {
namespace {

using expr::testing::MapSchema;

const MapSchema& Mapping() {
    static const MapSchema schema({
        {"pid", FieldType::kLong},
        {"ppid", FieldType::kLong},
        {"md5", FieldType::kKeyword},
        {"process_name", FieldType::kKeyword},
        {"parent_process_name", FieldType::kKeyword},
        {"hostname", FieldType::kText},
        {"user_domain", FieldType::kKeyword},
        {"source_address", FieldType::kIp},
        {"@timestamp", FieldType::kDate},
        {"opcode", FieldType::kLong},
        {"long_field", FieldType::kLong},
        {"bool", FieldType::kBoolean},
        {"command_line", FieldType::kKeyword},
        {"version", FieldType::kVersion},
        {"endgame", FieldType::kObject},
    });
    return schema;
}

struct Finding {
    std::string code;
    uint32_t offset;
    std::string message;
};

std::vector<Finding> Verify(const std::string& text, const Schema* schema) {
    grammar::ParseResult parsed = grammar::ParseQuery(text);
    REQUIRE_MESSAGE(parsed.query.has_value(),
                    (parsed.error ? parsed.error->message : std::string("no query")));
    VerifyOptions options;
    options.schema = schema;
    options.text = text;
    std::vector<Finding> findings;
    for (const Diagnostic& diagnostic : VerifyQuery(*parsed.query, options)) {
        findings.push_back({diagnostic.code, diagnostic.offset, diagnostic.message});
    }
    return findings;
}

struct ErrorRow {
    const char* query;
    bool with_schema;
    const char* code;
    uint32_t offset;
    const char* message;
};

TEST_SUITE("verify") {

TEST_CASE("each error kind has Elasticsearch's message") {
    std::vector<ErrorRow> rows = {
        {R"(registry where arrayContains(bytes, "En"))", false, "unknown-function", 15,
         "Unknown function [arrayContains], did you mean [stringcontains]?"},
        {R"(registry where arraySearch(a, b, true))", false, "unknown-function", 15,
         "Unknown function [arraySearch]"},
        {R"(network where safe(process_name))", false, "unknown-function", 14,
         "Unknown function [safe]"},
        {R"(process where match(a, "foo.*"))", false, "unknown-function", 14,
         "Unknown function [match], did you mean [cidrmatch]?"},
        {R"(process where lengthh(a) == 1)", false, "unknown-function", 14,
         "Unknown function [lengthh], did you mean [length]?"},
        {R"(process where length(a, b) > 0)", false, "function-arity", 14,
         "error building [length]: expects exactly one argument"},
        {R"(process where between(process_name) == "yst")", false, "function-arity", 14,
         "error building [between]: expects three or four arguments"},
        {R"(process where stringContains(process_name))", false, "function-arity", 14,
         "error building [stringcontains]: expects exactly two arguments"},
        {R"(process where cidrMatch(source_address))", false, "function-arity", 14,
         "error building [cidrmatch]: expects at least two arguments"},
        {R"(process where indexOf(a) == 0)", false, "function-arity", 14,
         "error building [indexof]: expects two or three arguments"},
        {R"(process where number() == 0)", false, "function-arity", 14,
         "error building [number]: expects one or two arguments"},
        {R"(process where length~(a) > 0)", false, "function-case-insensitive", 14,
         "Unused parameters [true] detected when building [length]"},
        {R"(foo where pid : 123)", true, "argument-type", 10,
         "first argument of [:] must be [string], found value [pid] type [long]; consider "
         "using [==] instead"},
        {R"(foo where length(a) : "3")", false, "argument-type", 10,
         "first argument of [:] must be [string], found value [length(a)] type [integer]; "
         "consider using [==] instead"},
        {R"(foo where dst_port : 22)", false, "argument-type", 10,
         "second argument of [:] must be [string], found value [22] type [integer]"},
        {R"(process where pid like "*.exe")", true, "argument-type", 14,
         "argument of [pid like \"*.exe\"] must be [string], found value [pid] type [long]"},
        {R"(process where pid regex~ "1.*")", true, "argument-type", 14,
         "argument of [pid regex~ \"1.*\"] must be [string], found value [pid] type [long]"},
        {R"(any where pid)", true, "condition-not-boolean", 10,
         "Condition expression needs to be boolean, found [LONG]"},
        {R"(any where @timestamp)", true, "condition-not-boolean", 10,
         "Condition expression needs to be boolean, found [DATETIME]"},
        {R"(any where command_line)", true, "condition-not-boolean", 10,
         "Condition expression needs to be boolean, found [KEYWORD]"},
        {R"(any where hostname)", true, "condition-not-boolean", 10,
         "Condition expression needs to be boolean, found [TEXT]"},
        {R"(any where source_address)", true, "condition-not-boolean", 10,
         "Condition expression needs to be boolean, found [IP]"},
        {R"(any where length(a))", false, "condition-not-boolean", 10,
         "Condition expression needs to be boolean, found [INTEGER]"},
        {R"(any where concat(a, "b"))", false, "condition-not-boolean", 10,
         "Condition expression needs to be boolean, found [KEYWORD]"},
        {R"(foo where long_field in (1, "string"))", true, "in-list-type", 10,
         "2nd argument of [long_field in (1, \"string\")] must be [long], found value "
         "[\"string\"] type [keyword]"},
        {R"(foo where length(a) in (1, 2, 3, "x"))", false, "in-list-type", 10,
         "4th argument of [length(a) in (1, 2, 3, \"x\")] must be [integer], found value "
         "[\"x\"] type [keyword]"},
        {R"(foo where f in (1, "a"))", false, "in-list-type", 10,
         "values of [f in (1, \"a\")] mix incompatible types: [1] type [integer] and [\"a\"] "
         "type [keyword]"},
        {R"(process where opcode in (1,3) and process_name in (parent_process_name, "SYSTEM"))",
         true, "field-comparison", 34,
         "Comparisons against fields are not (currently) supported; offender "
         "[parent_process_name] in [process_name in (parent_process_name, \"SYSTEM\")]"},
        {R"(process where (serial_event_id<9 and serial_event_id >= 7) or (opcode == pid))",
         false, "field-comparison", 73,
         "Comparisons against fields are not (currently) supported; offender [pid] in [==]"},
        {R"(process where length(a) == length(b))", false, "field-comparison", 27,
         "Comparisons against fields are not (currently) supported; offender [length(b)] in "
         "[==]"},
        {R"(process where 1 + pid < pid + 0)", false, "field-comparison", 24,
         "Comparisons against fields are not (currently) supported; offender [pid + 0] in [<]"},
        {R"(process where pid > 1 and 2 < pid and opcode != ppid)", true, "field-comparison", 48,
         "Comparisons against fields are not (currently) supported; offender [ppid] in [!=]"},
        {R"(process where between(process_name, 1, 2))", false, "argument-type", 14,
         "second argument of [between(process_name, 1, 2)] must be [string], found value [1] "
         "type [integer]"},
        {R"(process where between(process_name, "s", "e", "true") == "a")", false,
         "argument-type", 14,
         "fourth argument of [between(process_name, \"s\", \"e\", \"true\")] must be [boolean], "
         "found value [\"true\"] type [keyword]"},
        {R"(process where cidrMatch(source_address, hostname))", true, "argument-constant", 14,
         "second argument of [cidrMatch(source_address, hostname)] must be a constant, received "
         "[hostname]"},
        {R"(process where cidrMatch(hostname, "10.0.0.0/8"))", true, "argument-type", 14,
         "first argument of [cidrMatch(hostname, \"10.0.0.0/8\")] must be [ip], found value "
         "[hostname] type [text]"},
        {R"(process where cidrMatch(source_address, 12345))", true, "argument-type", 14,
         "second argument of [cidrMatch(source_address, 12345)] must be [string], found value "
         "[12345] type [integer]"},
        {R"(process where number(pid) == 1)", true, "argument-type", 14,
         "first argument of [number(pid)] must be [string], found value [pid] type [long]"},
        {R"(process where number(process_name, 1.0) == 1)", true, "argument-type", 14,
         "second argument of [number(process_name, 1.0)] must be [integer], found value [1.0] "
         "type [double]"},
        {R"(process where stringContains(process_name, 1))", true, "argument-type", 14,
         "second argument of [stringContains(process_name, 1)] must be [string], found value "
         "[1] type [integer]"},
        {R"(process where length(1) > 0)", false, "argument-type", 14,
         "argument of [length(1)] must be [string], found value [1] type [integer]"},
        {R"(process where substring(a, "1") == "b")", false, "argument-type", 14,
         "second argument of [substring(a, \"1\")] must be [integer], found value [\"1\"] type "
         "[keyword]"},
        {R"(process where indexOf(a, "b", 1.5) == 1)", false, "argument-type", 14,
         "third argument of [indexOf(a, \"b\", 1.5)] must be [integer], found value [1.5] type "
         "[double]"},
        {R"(process where add(a, "1") == 2)", false, "argument-type", 14,
         "second argument of [add(a, \"1\")] must be [numeric], found value [\"1\"] type "
         "[keyword]"},
        {R"(process where "a" + 1 == 2)", false, "argument-type", 14,
         "first argument of [\"a\" + 1] must be [numeric], found value [\"a\"] type [keyword]"},
        {R"(process where pid * process_name > 2)", true, "argument-type", 14,
         "second argument of [pid * process_name] must be [numeric], found value "
         "[process_name] type [keyword]"},
        {R"(process where -"a" == 1)", false, "argument-type", 14,
         "argument of [-\"a\"] must be [numeric], found value [\"a\"] type [keyword]"},
        {R"(process where pid and true)", true, "argument-type", 14,
         "first argument of [pid and true] must be [boolean], found value [pid] type [long]"},
        {R"(process where true and bool and length(a))", true, "argument-type", 14,
         "second argument of [true and bool and length(a)] must be [boolean], found value "
         "[length(a)] type [integer]"},
        {R"(process where bool or "x")", true, "argument-type", 14,
         "second argument of [bool or \"x\"] must be [boolean], found value [\"x\"] type "
         "[keyword]"},
        {R"(process where not concat(a))", false, "argument-type", 14,
         "argument of [not concat(a)] must be [boolean], found value [concat(a)] type "
         "[keyword]"},
        {R"(join [a where true] [b where true])", false, "join-unsupported", 0,
         "JOIN command is not supported"},
        {R"(sequence [process where true] by pid [process where true] by md5)", true,
         "join-key-type", 61, "Sequence key [md5] type [keyword] is incompatible with key [pid] "
         "type [long]"},
        {R"(sequence [process where true] by @timestamp [process where true] by opcode)", true,
         "join-key-type", 68,
         "Sequence key [opcode] type [long] is incompatible with key [@timestamp] type [date]"},
        {R"(sequence by pid [a where true] by md5 [b where true] by md5 until [c where true] by opcode)",
         true, "join-key-type", 84,
         "Sequence key [opcode] type [long] is incompatible with key [md5] type [keyword]"},
        {R"(any where f regex "a&b")", false, "invalid-regex", 18,
         "invalid regular expression [a&b]: the intersection operator [&] is not supported; "
         "escape it as [\\&] to match it literally at position 1"},
        {R"(any where cidrMatch(ip, "300.0.0.0/8"))", false, "invalid-cidr", 24,
         "invalid CIDR block [300.0.0.0/8]"},
    };
    for (const ErrorRow& row : rows) {
        std::string query = row.query;
        CAPTURE(query);
        std::vector<Finding> findings = Verify(query, row.with_schema ? &Mapping() : nullptr);
        CHECK(findings.size() == 1);
        if (findings.empty()) {
            continue;
        }
        CHECK(findings[0].code == row.code);
        CHECK(findings[0].message == row.message);
        CHECK(findings[0].offset == row.offset);
    }
}

TEST_CASE("valid queries give no finding") {
    std::vector<std::pair<const char*, bool>> queries = {
        {"foo where true", false},
        {"any where bool", true},
        {"process where serial_event_id == \"abcdef\"", false},
        {"process where pid == \"abcdef\"", true},
        {"process where exit_code > -1", false},
        {"process where -1 < exit_code", false},
        {"process where not (exit_code > -1) and serial_event_id in (58, 64, 69)", false},
        {R"(file where serial_event_id == 82 and (true == (process_name in ("svchost.EXE", "bad.exe"))))", false},
        {"file where serial_event_id - 1 == 81", false},
        {"file where serial_event_id % 40 == 2", false},
        {"file where ?foo == 123", false},
        {"file where ?foo == null", true},
        {"file where concat(?foo, \"test\", ?bar) == \"onetest!\"", true},
        {"any where ?x == ?y", false},
        {"any where ?x == ?y", true},
        {R"(any where startsWith~(host.name, substring(user.name, 0, -1)))", false},
        {R"(network where cidrMatch(source_address, "10.0.0.0/8", "::1"))", true},
        {R"(any where length(a) > 10 and process_name : ("a*", "b"))", true},
        {R"(any where pid in (1, 2.5) and process_name in ("a", "b"))", true},
        {R"(any where hostname == "x" and user_domain == "y")", true},
        {R"(sequence [process where true] by hostname [process where true] by user_domain)", true},
        {R"(sequence by pid [a where true] by ?nothing [b where true] by md5)", true},
        {R"(any where null)", false},
        {R"(any where ?inexistent_field)", true},
        {R"(sample by pid [a where true] [b where true])", true},
        {R"(any where between(a, "b", "c", true) == "x" and number(a, 16) == 1)", false},
        {R"(any where string(pid) : "1*")", true},
    };
    for (const auto& [text, with_schema] : queries) {
        std::string query = text;
        CAPTURE(query);
        CAPTURE(with_schema);
        std::vector<Finding> findings = Verify(query, with_schema ? &Mapping() : nullptr);
        for (const Finding& finding : findings) {
            CAPTURE(finding.message);
        }
        CHECK(findings.empty());
    }
}

TEST_CASE("every finding of a query is reported") {
    std::vector<Finding> findings = Verify(
        R"(sequence [process where lenght(a) > 1 and pid : 5] by pid
                    [file where length(a, b) == 1 or opcode == ppid] by md5)",
        &Mapping());
    REQUIRE(findings.size() == 5);
    CHECK(findings[0].code == "unknown-function");
    CHECK(findings[1].code == "argument-type");
    CHECK(findings[2].code == "function-arity");
    CHECK(findings[3].code == "field-comparison");
    CHECK(findings[4].code == "join-key-type");
}

TEST_CASE("messages print expressions back without the query text") {
    grammar::ParseResult parsed = grammar::ParseQuery("any where length(a) : \"3\"");
    REQUIRE(parsed.query.has_value());
    std::vector<Diagnostic> findings = VerifyQuery(*parsed.query);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message ==
          "first argument of [:] must be [string], found value [" +
              ast::Print(*parsed.query->event.condition->children[0]) +
              "] type [integer]; consider using [==] instead");
    CHECK(findings[0].length == 15);
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql
