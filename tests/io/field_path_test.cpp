// Tests of field path resolution through the event reader: nested objects, dotted keys,
// arrays, null, and the kinds of values a path yields.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "tests/io/read_helpers.hpp"

namespace {

using eql::testing::LayoutWith;

// Renders values as `[1, 2.0, "x", true]`, so a failed check shows both sides.
std::string Show(eql::FieldView values) {
    std::string text = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        text += i == 0 ? "" : ", ";
        const eql::Value& value = values[i];
        if (std::holds_alternative<bool>(value)) {
            text += std::get<bool>(value) ? "true" : "false";
        } else if (std::holds_alternative<int64_t>(value)) {
            text += std::to_string(std::get<int64_t>(value));
        } else if (std::holds_alternative<double>(value)) {
            std::string number = fmt::format("{}", std::get<double>(value));
            bool plain = number.find_first_of(".e") == std::string::npos;
            text += plain ? number + ".0" : number;
        } else if (std::holds_alternative<std::string>(value)) {
            text += "\"" + std::get<std::string>(value) + "\"";
        } else {
            text += "null";
        }
    }
    return text + "]";
}

// Reads one event line with a layout of `fields` and no clock, and shows field `index`.
std::string Resolve(const std::vector<std::string>& fields, const std::string& line,
                    size_t index = 0) {
    eql::EventLayout layout;
    for (const std::string& field : fields) {
        layout.AddField(field);
    }
    eql::testing::ReadResult result = eql::testing::ReadText(layout, line);
    REQUIRE(result.events.size() == 1);
    return Show(result.events[0]->fields[index]);
}

struct Row {
    const char* line;
    const char* values;
};

}  // namespace

TEST_SUITE("field_path") {

TEST_CASE("nested objects and dotted keys resolve alike") {
    const Row rows[] = {
        {R"({"a":{"b":{"c":1}}})", "[1]"},
        {R"({"a.b":{"c":1}})", "[1]"},
        {R"({"a":{"b.c":1}})", "[1]"},
        {R"({"a.b.c":1})", "[1]"},
        {R"({"a":{"b":{"c":1}},"a.b.c":2,"a.b":{"c":3}})", "[1, 2, 3]"},
        {R"({"a\u002eb":{"c":4}})", "[4]"},
        {R"({"a":{"b":{"x":1}}})", "[]"},
        {R"({"a.bc":1,"ab.c":2,"a.b.cd":3})", "[]"},
        {R"({"a":1})", "[]"},
        {R"({})", "[]"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.line);
        CHECK(Resolve({"a.b.c"}, row.line) == row.values);
    }
}

TEST_CASE("arrays contribute each element and flatten") {
    const Row rows[] = {
        {R"({"a":{"b":{"c":[1,2]}}})", "[1, 2]"},
        {R"({"a":[{"b":{"c":1}},{"b":{"c":2}}]})", "[1, 2]"},
        {R"({"a":[{"b":[{"c":1},{"c":[2,3]}]},{"b.c":4}]})", "[1, 2, 3, 4]"},
        {R"({"a":{"b":{"c":[[1,[2]],[],[[3]]]}}})", "[1, 2, 3]"},
        {R"({"a":[[{"b":{"c":5}}]]})", "[5]"},
        {R"({"a":{"b":{"c":[1,null,2]}}})", "[1, 2]"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.line);
        CHECK(Resolve({"a.b.c"}, row.line) == row.values);
    }
}

TEST_CASE("null, empty arrays and objects contribute nothing") {
    const Row rows[] = {
        {R"({"a":{"b":{"c":null}}})", "[]"},
        {R"({"a":{"b":{"c":[]}}})", "[]"},
        {R"({"a":{"b":{"c":{}}}})", "[]"},
        {R"({"a":{"b":{"c":{"d":1}}}})", "[]"},
        {R"({"a":{"b":{"c":[{"d":1},null,[]]}}})", "[]"},
        {R"({"a":null})", "[]"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.line);
        CHECK(Resolve({"a.b.c"}, row.line) == row.values);
    }
}

TEST_CASE("JSON values become typed values") {
    const Row rows[] = {
        {R"({"v":42})", "[42]"},
        {R"({"v":-9223372036854775808})", "[-9223372036854775808]"},
        {R"({"v":9223372036854775808})", "[9.223372036854776e+18]"},
        {R"({"v":123456789012345678901234567890})", "[1.2345678901234568e+29]"},
        {R"({"v":-123456789012345678901234567890})", "[-1.2345678901234568e+29]"},
        {R"({"v":2.5})", "[2.5]"},
        {R"({"v":1e3})", "[1000.0]"},
        {R"({"v":1.0})", "[1.0]"},
        {R"({"v":"text"})", R"(["text"])"},
        {R"({"v":"a\"b\u00e9"})", "[\"a\"b\xC3\xA9\"]"},
        {R"({"v":true})", "[true]"},
        {R"({"v":[false,"x",3]})", R"([false, "x", 3])"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.line);
        CHECK(Resolve({"v"}, row.line) == row.values);
    }
}

TEST_CASE("a field and its parent path both resolve") {
    const std::string line = R"({"process":{"name":"cmd.exe","parent":{"name":"explorer.exe"}}})";
    CHECK(Resolve({"process.name", "process.parent.name", "process"}, line, 0) ==
          R"(["cmd.exe"])");
    CHECK(Resolve({"process.name", "process.parent.name", "process"}, line, 1) ==
          R"(["explorer.exe"])");
    CHECK(Resolve({"process.name", "process.parent.name", "process"}, line, 2) == "[]");
}

TEST_CASE("a big integer keeps the original source text") {
    const std::string line = R"({"v":123456789012345678901234567890,"w":7})";
    eql::EventLayout layout;
    layout.AddField("w");
    eql::testing::ReadResult result = eql::testing::ReadText(layout, line);
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0]->source == line);
    CHECK(Show(result.events[0]->fields[0]) == "[7]");
}

TEST_CASE("fields added to the layout after construction are read") {
    eql::EventLayout layout;
    eql::EventReader reader(layout);
    layout.AddField("late");
    eql::testing::ReadResult result = eql::testing::ReadWith(reader, R"({"late":1})");
    REQUIRE(result.events.size() == 1);
    CHECK(Show(result.events[0]->fields[0]) == "[1]");
}

}  // TEST_SUITE
