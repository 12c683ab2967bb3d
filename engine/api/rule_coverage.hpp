// Coverage of a rule by its positive fixture cases: which stages some match used, and which
// alternatives (the branches of an `or`, the values of an `in` list or of a `:`/like/regex
// list) were, on their own, enough for a matched event to pass its stage's condition.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/api/rule_test.hpp"
#include "eql/engine.hpp"

namespace eql {

class CoverageRecorder {
public:
    // Parses `query` again to find the alternatives of each written stage of `plan`.
    CoverageRecorder(std::string_view query, const Plan& plan);
    ~CoverageRecorder();
    CoverageRecorder(CoverageRecorder&&) noexcept;

    // Marks what the matches exercise. `layout` is the one the matched events were read with.
    void Record(const std::vector<Match>& matches, EventLayout& layout);

    // Returns every stage and alternative that no recorded match exercised.
    std::vector<CoverageGap> Gaps() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eql
