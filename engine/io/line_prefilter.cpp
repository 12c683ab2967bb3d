// LinePrefilter: the stages are an OR of ANDs of substring tests. A stage whose strings include
// all of another stage's is dropped, since it can only pass where the other passes. Each string
// is searched at most once per line, and the longest strings of a stage come first, as they are
// the likeliest to be absent. A search runs memchr for the string's rarest byte (by a fixed
// guess of byte frequencies in ECS JSON) and compares around each hit, which is several times
// faster than glibc's memmem on lines of a few hundred bytes. Entry points: AddStage, MayPass.
#include "engine/io/line_prefilter.hpp"

#include <algorithm>
#include <cstring>

namespace eql {

namespace {

// True when every id of `small` is in `large`; both are sorted.
bool IsSubset(const std::vector<uint32_t>& small, const std::vector<uint32_t>& large) {
    return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Bytes of ECS JSON from the most to the least frequent, roughly; others count as rarer still.
constexpr std::string_view kCommonBytes = "\"e:,at.osinr_-l0c1d2pm3u4g5h6f7b8{9}vTZ/kwyEDSx[]";

// The index of the byte of `text` that is least likely to occur in a line.
size_t RarestByte(const std::string& text) {
    size_t best = 0;
    size_t best_rank = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        size_t rank = kCommonBytes.find(text[i]);
        rank = rank == std::string_view::npos ? kCommonBytes.size() : rank;
        if (i == 0 || rank > best_rank) {
            best = i;
            best_rank = rank;
        }
    }
    return best;
}

// True when `needle` occurs in `haystack`, found through memchr on needle[anchor].
bool ContainsAt(std::string_view haystack, const std::string& needle, size_t anchor) {
    if (needle.size() > haystack.size()) {
        return false;
    }
    const char* begin = haystack.data();
    const char* last_start = begin + (haystack.size() - needle.size());
    const char* from = begin + anchor;
    const char* until = last_start + anchor + 1;  // one past the last possible anchor byte
    while (from < until) {
        const void* hit = std::memchr(from, needle[anchor], static_cast<size_t>(until - from));
        if (hit == nullptr) {
            return false;
        }
        const char* start = static_cast<const char*>(hit) - anchor;
        if (std::memcmp(start, needle.data(), needle.size()) == 0) {
            return true;
        }
        from = static_cast<const char*>(hit) + 1;
    }
    return false;
}

}  // namespace

uint32_t LiteralSet::Add(const std::string& text, bool folded) {
    for (uint32_t i = 0; i < literals_.size(); ++i) {
        if (literals_[i].folded == folded && literals_[i].text == text) {
            return i;
        }
    }
    literals_.push_back(Literal{text, folded, RarestByte(text)});
    state_.push_back(0);
    return static_cast<uint32_t>(literals_.size() - 1);
}

void LiteralSet::Reset(std::string_view text) {
    text_ = text;
    std::fill(state_.begin(), state_.end(), 0);
    lowered_ready_ = false;
}

bool LiteralSet::Contains(uint32_t literal) {
    int8_t& state = state_[literal];
    if (state != 0) {
        return state > 0;
    }
    const Literal& wanted = literals_[literal];
    std::string_view haystack = text_;
    if (wanted.folded) {
        if (!lowered_ready_) {
            lowered_.resize(text_.size());
            std::transform(text_.begin(), text_.end(), lowered_.begin(), LowerAscii);
            lowered_ready_ = true;
        }
        haystack = lowered_;
    }
    bool found = ContainsAt(haystack, wanted.text, wanted.anchor);
    state = found ? 1 : -1;
    return found;
}

void LinePrefilter::AddStage(const std::vector<std::string>& exact,
                             const std::vector<std::string>& folded) {
    std::vector<uint32_t> ids;
    auto add = [&](const std::string& text, bool is_folded) {
        if (text.empty()) {
            return;
        }
        ids.push_back(literals_.Add(text, is_folded));
        lengths_.resize(literals_.size());
        lengths_[ids.back()] = text.size();
    };
    for (const std::string& text : exact) {
        add(text, false);
    }
    for (const std::string& text : folded) {
        add(text, true);
    }
    if (ids.empty()) {
        active_ = false;
        return;
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

    // Keep the stages minimal: a stage that needs more than another one adds nothing.
    for (const std::vector<uint32_t>& stage : stages_) {
        std::vector<uint32_t> sorted_old = stage;
        std::sort(sorted_old.begin(), sorted_old.end());
        if (IsSubset(sorted_old, ids)) {
            return;
        }
    }
    std::erase_if(stages_, [&ids](const std::vector<uint32_t>& stage) {
        std::vector<uint32_t> sorted_old = stage;
        std::sort(sorted_old.begin(), sorted_old.end());
        return IsSubset(ids, sorted_old);
    });

    std::sort(ids.begin(), ids.end(),
              [this](uint32_t a, uint32_t b) { return lengths_[a] > lengths_[b]; });
    stages_.push_back(std::move(ids));
}

bool LinePrefilter::MayPass(std::string_view text) {
    if (!active()) {
        return true;
    }
    literals_.Reset(text);
    for (const std::vector<uint32_t>& stage : stages_) {
        bool all = std::all_of(stage.begin(), stage.end(),
                               [this](uint32_t literal) { return literals_.Contains(literal); });
        if (all) {
            return true;
        }
    }
    return false;
}

}  // namespace eql
