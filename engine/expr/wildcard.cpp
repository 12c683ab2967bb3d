// The wildcard matcher behind `:`, `like` and `like~`. The pattern is split at its stars; the
// first segment must match at the start, the last at the end, and the ones in between are
// placed leftmost-first. That greedy placement is exact for star patterns, so the matcher never
// backtracks and stays linear in the value for patterns like `*a*a*a*b`.
#include "engine/expr/wildcard.hpp"

#include <algorithm>

#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset just past the code point starting at `at`.
size_t NextCodePoint(std::string_view text, size_t at) {
    ++at;
    while (at < text.size() && IsContinuation(text[at])) {
        ++at;
    }
    return at;
}

// Byte offset of the code point ending just before `end`.
size_t PreviousCodePoint(std::string_view text, size_t end) {
    --end;
    while (end > 0 && IsContinuation(text[end])) {
        --end;
    }
    return end;
}

}  // namespace

// Each segment is sized once from the run between two stars. The detection-rules corpus holds
// tens of thousands of patterns, and growing the text and the `any` bits a character at a time
// cost a large share of `eqlite check` on it.
WildcardPattern::WildcardPattern(std::string_view pattern, bool case_insensitive)
    : case_insensitive_(case_insensitive) {
    segments_.resize(std::count(pattern.begin(), pattern.end(), '*') + 1);
    size_t begin = 0;
    for (Segment& segment : segments_) {
        size_t end = std::min(pattern.find('*', begin), pattern.size());
        std::string_view run = pattern.substr(begin, end - begin);
        segment.text.resize(run.size());
        segment.any.assign(run.size(), false);
        for (size_t i = 0; i < run.size(); ++i) {
            bool any = run[i] == '?';
            segment.text[i] = any ? '\0' : (case_insensitive ? FoldAscii(run[i]) : run[i]);
            if (any) {
                segment.any[i] = true;
                segment.has_any = true;
            }
        }
        has_any_char_ = has_any_char_ || segment.has_any;
        begin = end + 1;
    }
}

// True when `part` equals the segment text `run`, folding ASCII case when the pattern does.
bool WildcardPattern::SameText(std::string_view part, std::string_view run) const {
    return case_insensitive_ ? EqualsFolded(part, run) : part == run;
}

std::vector<std::string> WildcardPattern::LiteralRuns() const {
    std::vector<std::string> runs;
    for (const Segment& segment : segments_) {
        std::string run;
        for (size_t i = 0; i < segment.text.size(); ++i) {
            if (segment.any[i]) {
                runs.push_back(std::move(run));
                run.clear();
            } else {
                run.push_back(segment.text[i]);
            }
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

size_t WildcardPattern::MatchForward(const Segment& segment, std::string_view text,
                                     size_t at) const {
    if (!segment.has_any) {
        size_t size = segment.text.size();
        if (at > text.size() || text.size() - at < size) {
            return std::string_view::npos;
        }
        return SameText(text.substr(at, size), segment.text) ? at + size : std::string_view::npos;
    }
    for (size_t i = 0; i < segment.text.size(); ++i) {
        if (at >= text.size()) {
            return std::string_view::npos;
        }
        if (segment.any[i]) {
            at = NextCodePoint(text, at);
            continue;
        }
        char c = case_insensitive_ ? FoldAscii(text[at]) : text[at];
        if (c != segment.text[i]) {
            return std::string_view::npos;
        }
        ++at;
    }
    return at;
}

size_t WildcardPattern::MatchBackward(const Segment& segment, std::string_view text,
                                      size_t end) const {
    if (!segment.has_any) {
        size_t size = segment.text.size();
        if (end < size) {
            return std::string_view::npos;
        }
        bool same = SameText(text.substr(end - size, size), segment.text);
        return same ? end - size : std::string_view::npos;
    }
    for (size_t i = segment.text.size(); i-- > 0;) {
        if (end == 0) {
            return std::string_view::npos;
        }
        if (segment.any[i]) {
            end = PreviousCodePoint(text, end);
            continue;
        }
        char c = case_insensitive_ ? FoldAscii(text[end - 1]) : text[end - 1];
        if (c != segment.text[i]) {
            return std::string_view::npos;
        }
        --end;
    }
    return end;
}

size_t WildcardPattern::FindSegment(const Segment& segment, std::string_view text,
                                    size_t from) const {
    if (!segment.has_any) {
        size_t found = Find(text, segment.text, from, case_insensitive_);
        return found == std::string_view::npos ? found : found + segment.text.size();
    }
    for (size_t start = from; start < text.size(); ++start) {
        if (IsContinuation(text[start])) {
            continue;
        }
        size_t end = MatchForward(segment, text, start);
        if (end != std::string_view::npos) {
            return end;
        }
    }
    return std::string_view::npos;
}

bool WildcardPattern::Matches(std::string_view text) const {
    // Without a star the single segment must cover the whole value.
    if (segments_.size() == 1) {
        return MatchForward(segments_[0], text, 0) == text.size();
    }

    size_t position = MatchForward(segments_.front(), text, 0);
    if (position == std::string_view::npos) {
        return false;
    }
    size_t tail_start = MatchBackward(segments_.back(), text, text.size());
    if (tail_start == std::string_view::npos || tail_start < position) {
        return false;
    }

    // Place the middle segments leftmost-first inside [position, tail_start).
    std::string_view middle = text.substr(0, tail_start);
    for (size_t i = 1; i + 1 < segments_.size(); ++i) {
        if (segments_[i].text.empty()) {
            continue;
        }
        position = FindSegment(segments_[i], middle, position);
        if (position == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

}  // namespace eql::expr
