// eql::Compile and eql::Explain: the phases in order, their diagnostics, and the plan dump.
#include <doctest/doctest.h>

#include "tests/engine/engine_fixture.hpp"

using namespace engine_test;

namespace {

eql::CompileResult CompileText(std::string_view text, const eql::CompileOptions& options = {}) {
    eql::EventLayout layout;
    return eql::Compile(text, layout, options);
}

std::string ExplainText(std::string_view text, const eql::CompileOptions& options = {}) {
    eql::CompileResult result = CompileText(text, options);
    REQUIRE(result.plan != nullptr);
    return eql::Explain(*result.plan);
}

}  // namespace

TEST_SUITE("engine compile") {

TEST_CASE("syntax error stops compilation") {
    eql::CompileResult result = CompileText("process where");
    CHECK(result.plan == nullptr);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == eql::Severity::kError);
    CHECK(result.diagnostics[0].code == "syntax");
    CHECK(result.diagnostics[0].offset == 13);
    CHECK(result.diagnostics[0].message == "expected a condition after 'where'");
}

TEST_CASE("verifier findings are all reported") {
    eql::CompileResult result = CompileText("process where lenght(a) == 1 and concatt(b) == \"x\"");
    CHECK(result.plan == nullptr);
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].code == "unknown-function");
    CHECK(result.diagnostics[0].offset == 14);
    CHECK(result.diagnostics[0].message == "Unknown function [lenght], did you mean [length]?");
    CHECK(result.diagnostics[1].code == "unknown-function");
    CHECK(result.diagnostics[1].offset == 33);
    CHECK(result.diagnostics[1].message == "Unknown function [concatt], did you mean [concat]?");
}

TEST_CASE("bad regex stops compilation") {
    eql::CompileResult result = CompileText("process where process.name regex \"a(\"");
    CHECK(result.plan == nullptr);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].code == "invalid-regex");
    CHECK(result.diagnostics[0].offset == 33);
    CHECK(result.diagnostics[0].message ==
          "invalid regular expression [a(]: expected ')' at position 2");
}

TEST_CASE("valid query compiles without diagnostics") {
    eql::CompileResult result = CompileText("process where process.name == \"cmd.exe\"");
    CHECK(result.plan != nullptr);
    CHECK(result.diagnostics.empty());
}

TEST_CASE("compile registers fields and clock in the layout") {
    eql::EventLayout layout;
    eql::CompileOptions options;
    options.timestamp_field = "event.ingested";
    options.fallback_timestamp_field = "@timestamp";
    eql::CompileResult result =
        eql::Compile("sequence by host.id [process where true] [file where file.name == \"a\"]",
                     layout, options);
    REQUIRE(result.plan != nullptr);
    CHECK(layout.fields() ==
          std::vector<std::string>{"host.id", "event.category", "file.name"});
    REQUIRE(layout.clocks().size() == 1);
    CHECK(layout.clocks()[0].timestamp_field == "event.ingested");
    CHECK(layout.clocks()[0].fallback_timestamp_field == "@timestamp");
}

TEST_CASE("explain prints an event query") {
    CHECK(ExplainText("process where process.name == \"cmd.exe\" | tail 3") ==
          "event\n"
          "  stage 0 positive: process where process.name == \"cmd.exe\"\n"
          "  pipe tail 3\n"
          "  clock 0: timestamp @timestamp\n"
          "  reads: event.category#0 process.name#1\n");
}

TEST_CASE("explain prints a sequence with runs, missing stage and until") {
    eql::CompileOptions options;
    options.tiebreaker_field = "event.sequence";
    CHECK(ExplainText("sequence by host.id with maxspan=5m\n"
                      "  [process where true] by process.entity_id with runs=2\n"
                      " ![network where destination.port == 22] by process.entity_id\n"
                      "  [any where true] by ?process.parent.entity_id\n"
                      "until [process where event.type == \"end\"] by process.entity_id\n"
                      "| head 1",
                      options) ==
          "sequence by host.id maxspan=5m\n"
          "  stage 0 positive run 1/2: process where true by host.id, process.entity_id\n"
          "  stage 1 positive run 2/2: process where true by host.id, process.entity_id\n"
          "  stage 2 missing: network where destination.port == 22 by host.id, "
          "process.entity_id\n"
          "  stage 3 positive: any where true by host.id, ?process.parent.entity_id\n"
          "  until: process where event.type == \"end\" by host.id, process.entity_id\n"
          "  pipe head 1\n"
          "  clock 0: timestamp @timestamp, tiebreaker event.sequence\n"
          "  reads: host.id#0 event.category#1 process.entity_id#2 destination.port#3 "
          "process.parent.entity_id#4 event.type#5\n");
}

TEST_CASE("explain prints a sample") {
    CHECK(ExplainText("sample by host [success where true] by user [failure where true] by user") ==
          "sample by host\n"
          "  stage 0 positive: success where true by host, user\n"
          "  stage 1 positive: failure where true by host, user\n"
          "  clock 0: timestamp @timestamp\n"
          "  reads: host#0 event.category#1 user#2\n");
}

TEST_CASE("explain quotes a category that is not an identifier") {
    CHECK(ExplainText("\"my-category\" where true") ==
          "event\n"
          "  stage 0 positive: \"my-category\" where true\n"
          "  clock 0: timestamp @timestamp\n"
          "  reads: event.category#0\n");
}

TEST_CASE("join is rejected") {
    eql::CompileResult result = CompileText("join [process where true] [file where true]");
    CHECK(result.plan == nullptr);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].code == "join-unsupported");
    CHECK(result.diagnostics[0].message == "JOIN command is not supported");
}

}  // TEST_SUITE
