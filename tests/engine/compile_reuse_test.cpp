// eql::Compile's reuse of work between its phases: the parsed query it returns, the verifier's
// folded conditions that the planner compiles, and plans built without condition text.
#include <doctest/doctest.h>

#include "grammar/ast.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace {

const char* const kSequence =
    "sequence by host.id [process where process.name : \"cmd*.exe\" and process.pid > 1] "
    "[network where destination.port in (80, 443)]";

}  // namespace

TEST_SUITE("engine compile reuse") {

TEST_CASE("result keeps the parsed query") {
    eql::EventLayout layout;
    eql::CompileResult result = eql::Compile(kSequence, layout);
    REQUIRE(result.query != nullptr);
    CHECK(result.query->kind == eql::ast::QueryKind::kSequence);
    CHECK(result.query->sequence.stages.size() == 2);

    eql::EventLayout other_layout;
    CHECK(eql::Compile("process where", other_layout).query == nullptr);
}

TEST_CASE("query rejected by verifier keeps its query") {
    eql::EventLayout layout;
    eql::CompileResult result = eql::Compile("process where lenght(a) == 1", layout);
    CHECK(result.plan == nullptr);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].code == "unknown-function");
    CHECK(result.query != nullptr);
}

TEST_CASE("plan without condition text matches otherwise") {
    eql::EventLayout full_layout;
    eql::CompileResult full = eql::Compile(kSequence, full_layout);
    REQUIRE(full.plan != nullptr);

    eql::CompileOptions options;
    options.keep_condition_text = false;
    eql::EventLayout bare_layout;
    eql::CompileResult bare = eql::Compile(kSequence, bare_layout, options);
    REQUIRE(bare.plan != nullptr);
    CHECK(bare.diagnostics.size() == full.diagnostics.size());

    // Only the conditions' text is missing: the stages, keys and fields read are the same.
    std::string full_dump = eql::Explain(*full.plan);
    std::string bare_dump = eql::Explain(*bare.plan);
    CHECK(full_dump.find("process.name : \"cmd*.exe\"") != std::string::npos);
    CHECK(bare_dump.find("\"cmd*.exe\"") == std::string::npos);
    CHECK(bare_dump.find("by host.id") != std::string::npos);
    CHECK(full_layout.fields() == bare_layout.fields());
}

}
