// A test on the raw text of an input line that proves, before any parsing, that no stage of
// any loaded plan can pass the event. The planner lists per stage the strings a passing
// event's JSON text must contain (expr::RequiredLiterals, plus the category); a line that
// lacks one string of every stage cannot become a match, so the reader counts it without
// parsing it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eql {

class LinePrefilter {
public:
    // Adds the strings one stage requires: `exact` byte for byte, `folded` (lower case) when
    // ASCII case is ignored. A stage that requires nothing passes every line, which turns the
    // filter off.
    void AddStage(const std::vector<std::string>& exact, const std::vector<std::string>& folded);

    // True when some line could be rejected: there is a stage, and each stage requires a
    // string.
    bool active() const { return active_ && !stages_.empty(); }

    // False when every stage lacks one of its strings in `text`, so that no stage can pass the
    // event. Not thread-safe (it keeps scratch state); give each thread its own copy.
    bool MayPass(std::string_view text) const;

    size_t stage_count() const { return stages_.size(); }

private:
    struct Literal {
        std::string text;
        bool folded = false;
        size_t anchor = 0;  // index of the byte memchr looks for: the rarest in JSON text
    };
    uint32_t Intern(const std::string& text, bool folded);
    bool Present(uint32_t literal, std::string_view text) const;

    std::vector<Literal> literals_;
    std::vector<std::vector<uint32_t>> stages_;  // literal ids, longest first
    bool active_ = true;
    mutable std::vector<int8_t> state_;         // per literal: 0 unknown, 1 present, -1 absent
    mutable std::string lowered_;               // the line in lower case, for folded literals
    mutable bool lowered_ready_ = false;
};

}  // namespace eql
