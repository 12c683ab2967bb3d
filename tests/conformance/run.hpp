// Running one spec through the public API (Compile, then a Runner over the data set's events)
// and comparing its event ids and join keys with the spec, as the Elasticsearch harness does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eql/engine.hpp"
#include "tests/conformance/dataset.hpp"
#include "tests/conformance/suite.hpp"

namespace eql::conformance {

// The request settings shared by every spec of one suite.
struct RunContext {
    const Dataset* dataset = nullptr;
    std::string id_field;    // read from each returned event's source
    std::string tiebreaker;  // empty: none
};

enum class Outcome { kPassed, kFailed, kSkipped };

struct SpecResult {
    Outcome outcome = Outcome::kFailed;
    std::string detail;  // one line: why it failed or was skipped, or what passed
};

// The size the harness sends when a spec sets none.
constexpr int64_t kDefaultSize = 50;

// Returns why `spec` cannot apply offline at all, or cannot apply to the data set named
// `dataset` in the text this copy of the suite contains, or nothing when it can run.
std::optional<std::string> SkipReason(const Spec& spec, std::string_view dataset);

// Compiles and runs `spec` over the data set of `context` and compares the results.
SpecResult RunSpec(const Spec& spec, const RunContext& context);

// Returns `query` on one line: each run of whitespace becomes one space.
std::string OneLine(std::string_view query);

// Returns a join-key value as the harness compares it: null as "null", booleans and numbers
// as their text, strings as they are.
std::string JoinKeyText(const Value& value);

}  // namespace eql::conformance
