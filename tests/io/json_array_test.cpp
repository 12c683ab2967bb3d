// Tests of JSON array input: element line numbers, minified sources, comments between
// elements, and elements that are not objects or are cut off.
#include <doctest/doctest.h>

#include <string>

#include "tests/io/read_helpers.hpp"

namespace {

using eql::testing::LayoutWith;
using eql::testing::ReadResult;

}  // namespace

TEST_SUITE("json_array") {

TEST_CASE("pretty-printed array elements start at their own line") {
    std::string text =
        "[\n"
        "  {\n"
        "    \"@timestamp\": \"1\",\n"
        "    \"name\": \"a b\"\n"
        "  },\n"
        "  {\"@timestamp\": \"2\", \"name\": \"c\"}\n"
        "]\n";
    ReadResult result = eql::testing::ReadText(LayoutWith({"name"}), text);
    REQUIRE(result.events.size() == 2);
    CHECK(result.events[0]->line == 2);
    CHECK(result.events[0]->source == "{\"@timestamp\":\"1\",\"name\":\"a b\"}");
    CHECK(result.events[0]->ordinals[0].timestamp_ns == 1000000);
    CHECK(result.events[1]->line == 6);
    CHECK(result.events[1]->source == "{\"@timestamp\": \"2\", \"name\": \"c\"}");
    CHECK(result.stats.lines == 2);
}

TEST_CASE("comments between elements are ignored") {
    std::string text =
        "\xEF\xBB\xBF  [\n"
        " // first group\n"
        " {\"@timestamp\": 1},\n"
        " /* a block\n"
        "    comment */ {\"@timestamp\": 2},\n"
        "  //// next group\n"
        " {\"@timestamp\": 3, \"s\": \"// not a comment\"}\n"
        "]";
    ReadResult result = eql::testing::ReadText(LayoutWith({"s"}), text);
    REQUIRE(result.events.size() == 3);
    CHECK(result.skips.empty());
    CHECK(result.events[0]->line == 3);
    CHECK(result.events[1]->line == 5);
    CHECK(result.events[2]->line == 7);
    CHECK(std::get<std::string>(result.events[2]->fields[0].at(0)) == "// not a comment");
}

TEST_CASE("strings with brackets and escapes do not end an element") {
    std::string text = "[{\"@timestamp\":1,\"s\":\"]}\\\"[{\"},{\"@timestamp\":2}]";
    ReadResult result = eql::testing::ReadText(LayoutWith({"s"}), text);
    REQUIRE(result.events.size() == 2);
    CHECK(std::get<std::string>(result.events[0]->fields[0].at(0)) == "]}\"[{");
    CHECK(result.events[0]->source == "{\"@timestamp\":1,\"s\":\"]}\\\"[{\"}");
}

TEST_CASE("elements that are not objects are skipped") {
    std::string text = "[1, \"two\", [3], null, {\"@timestamp\":1}, true]";
    ReadResult result = eql::testing::ReadText(LayoutWith({}), text);
    CHECK(result.events.size() == 1);
    REQUIRE(result.skips.size() == 5);
    CHECK(result.skips[0].message == "expected a JSON object, found a number");
    CHECK(result.skips[1].message == "expected a JSON object, found a string");
    CHECK(result.skips[2].message == "expected a JSON object, found an array");
    CHECK(result.skips[3].message == "expected a JSON object, found null");
    CHECK(result.skips[4].message == "expected a JSON object, found a boolean");
    CHECK(result.stats.lines == 6);
}

TEST_CASE("bad elements are skipped and the rest is read") {
    std::string text =
        "[\n"
        "{\"@timestamp\":1},\n"
        "{\"@timestamp\":2, \"a\": tru},\n"
        "oops,\n"
        "{\"@timestamp\":3}\n"
        "]";
    ReadResult result = eql::testing::ReadText(LayoutWith({}), text);
    CHECK(result.events.size() == 2);
    REQUIRE(result.skips.size() == 2);
    CHECK(result.skips[0].line == 3);
    CHECK(result.skips[0].message ==
          "not valid JSON: problem while parsing an atom starting with the letter 't'");
    CHECK(result.skips[1].line == 4);
    CHECK(result.skips[1].reason == "invalid-json");
}

TEST_CASE("an element cut by the end of input is one skip") {
    std::string text = "[{\"@timestamp\":1},\n{\"@timestamp\":2, \"s\": \"abc";
    ReadResult result = eql::testing::ReadText(LayoutWith({}), text);
    CHECK(result.events.size() == 1);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].line == 2);
    CHECK(result.skips[0].message == "not valid JSON: a string is opened, but never closed");
    CHECK(result.stats.lines == 2);
}

TEST_CASE("empty arrays and a missing closing bracket are accepted") {
    CHECK(eql::testing::ReadText(LayoutWith({}), "[]").stats.lines == 0);
    CHECK(eql::testing::ReadText(LayoutWith({}), " [ \n ] \n").stats.lines == 0);
    ReadResult open = eql::testing::ReadText(LayoutWith({}), "[{\"@timestamp\":1}");
    CHECK(open.events.size() == 1);
    CHECK(open.skips.empty());
}

TEST_CASE("several arrays and bare objects in a row are all read") {
    std::string text = "[{\"@timestamp\":1}]\n[{\"@timestamp\":2}]\n{\"@timestamp\":3}";
    ReadResult result = eql::testing::ReadText(LayoutWith({}), text);
    REQUIRE(result.events.size() == 3);
    CHECK(result.events[2]->line == 3);
}

TEST_CASE("a pretty-printed object outside an array is one event") {
    std::string text =
        "{\n"
        "  \"@timestamp\": \"2019-05-15T18:03:36.000Z\",\n"
        "  \"host\": {\"name\": \"fw\"}\n"
        "}\n"
        "{\n"
        "  \"@timestamp\": 5\n"
        "}\n";
    ReadResult result = eql::testing::ReadText(LayoutWith({"host.name"}), text);
    REQUIRE(result.events.size() == 2);
    CHECK(result.events[0]->line == 1);
    CHECK(result.events[0]->source ==
          "{\"@timestamp\":\"2019-05-15T18:03:36.000Z\",\"host\":{\"name\":\"fw\"}}");
    CHECK(result.events[1]->line == 5);
    CHECK(result.events[0]->ordinals[0].timestamp_ns == 1557943416000000000);
}

TEST_CASE("array elements over the length limit are skipped") {
    eql::ReadOptions options;
    options.max_line_bytes = 30;
    std::string text = "[{\"@timestamp\":1,\"pad\":\"" + std::string(40, 'x') +
                       "\"},\n{\"@timestamp\":2}]";
    ReadResult result = eql::testing::ReadText(LayoutWith({}), text, options);
    CHECK(result.events.size() == 1);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].reason == "line-too-long");
    CHECK(result.skips[0].message ==
          "array element is 65 bytes long, over the limit of 30 bytes");
    CHECK(result.skips[0].line == 1);
}

TEST_CASE("array elements larger than the read blocks are read") {
    std::string pad(5 << 20, 'z');
    std::string text = "[{\"@timestamp\":1,\"pad\":\"" + pad + "\"},{\"@timestamp\":2}]";
    ReadResult result = eql::testing::ReadText(LayoutWith({"pad"}), text);
    REQUIRE(result.events.size() == 2);
    CHECK(std::get<std::string>(result.events[0]->fields[0].at(0)).size() == pad.size());
}

}  // TEST_SUITE
