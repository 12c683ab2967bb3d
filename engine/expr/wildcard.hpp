// Wildcard patterns of `:`, `like` and `like~`: `*` matches any run of characters, `?` exactly
// one code point, every other character (a backslash included) stands for itself, and the match
// covers the whole value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eql::expr {

class WildcardPattern {
public:
    WildcardPattern(std::string_view pattern, bool case_insensitive);

    // True when `text` matches. Runs in O(|text| * longest segment) at worst: segments between
    // stars are placed leftmost-first, which never needs backtracking.
    bool Matches(std::string_view text) const;

    bool has_wildcards() const { return segments_.size() > 1 || has_any_char_; }
    bool case_insensitive() const { return case_insensitive_; }
    // The literal runs between wildcards, in order (folded when case-insensitive).
    std::vector<std::string> LiteralRuns() const;

private:
    // A run of pattern characters between two stars; `any[i]` marks a `?` at byte i of `text`
    // (where a placeholder byte sits).
    struct Segment {
        std::string text;
        std::vector<bool> any;
        bool has_any = false;
    };

    bool SameText(std::string_view part, std::string_view run) const;
    size_t MatchForward(const Segment& segment, std::string_view text, size_t at) const;
    size_t MatchBackward(const Segment& segment, std::string_view text, size_t end) const;
    size_t FindSegment(const Segment& segment, std::string_view text, size_t from) const;

    std::vector<Segment> segments_;  // one more than the number of stars
    bool case_insensitive_ = false;
    bool has_any_char_ = false;
};

}  // namespace eql::expr
