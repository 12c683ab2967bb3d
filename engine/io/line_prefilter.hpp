// Tests on the raw text of an input line. The planner lists per stage the strings a passing
// event's JSON text must contain (expr::RequiredLiterals, plus the category). A LinePrefilter
// uses them before any parsing: a line that lacks one string of every stage cannot become a
// match, so the reader counts it without parsing it. A LiteralSet searches such strings, each
// at most once per text, for the prefilter and for the stage tests after parsing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eql {

class LiteralSet {
public:
    // Returns the id of `text` (lower case when `folded`, which then ignores ASCII case).
    uint32_t Add(const std::string& text, bool folded);
    size_t size() const { return literals_.size(); }

    // Starts a new text, which must stay valid until the next Reset.
    void Reset(std::string_view text);
    // True when the current text contains the literal. A set of kScanAllLiterals or more
    // finds all its literals of 4 bytes or more in one pass over the text at the first call,
    // since searching each one apart would read the text once per literal.
    bool Contains(uint32_t literal);

    static constexpr size_t kScanAllLiterals = 32;

private:
    struct Literal {
        std::string text;
        bool folded = false;
        size_t anchor = 0;         // index of the rarest byte in JSON text
        size_t second_anchor = 0;  // index of the next rarest byte; `anchor` for one byte
    };

    // The literals of at least 4 bytes, by a hash of their first 4 bytes lowered, for the
    // one-pass search that large sets use.
    struct PrefixIndex {
        // A literal with its first 8 bytes (fewer for a shorter one, the rest masked off), so
        // that most candidates fail without a memcmp.
        struct Entry {
            uint32_t id = 0;
            bool folded = false;
            uint64_t head = 0;
            uint64_t head_mask = 0;
        };

        std::vector<uint64_t> occupied;  // bit per hash: some literal starts with such bytes
        std::vector<uint32_t> offsets;   // per hash, its range in `entries`
        std::vector<Entry> entries;
    };

    void BuildIndex();
    void BuildPrefixIndex();
    void ScanAll();
    void ScanText();
    std::string_view Lowered();

    std::vector<Literal> literals_;
    std::vector<int8_t> state_;  // per literal: 0 unknown, 1 present, -1 absent
    PrefixIndex index_;
    size_t indexed_literals_ = 0;  // literals_.size() when the indexes were built
    std::vector<int8_t> scan_start_;  // state_ before a scan: -1 for the indexed literals
    bool scanned_ = false;         // ScanAll ran on the current text
    std::string_view text_;
    std::string lowered_;        // the text in lower case, for folded literals
    bool lowered_ready_ = false;
};

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
    // event. Each stage searches first the strings that were most often absent so far, which
    // changes the cost only, never the result. Not thread-safe (it keeps scratch state and
    // those counts), so each thread takes its own copy.
    bool MayPass(std::string_view text);

    size_t stage_count() const { return stages_.size(); }

private:
    // Per literal, the lines searched for it and the lines that lacked it. ReorderStages
    // halves both, so older lines weigh less.
    struct Tally {
        uint64_t searched = 0;
        uint64_t absent = 0;
    };

    void ReorderStages();

    LiteralSet literals_;
    std::vector<std::vector<uint32_t>> stages_;  // literal ids, likeliest to be absent first
    std::vector<size_t> lengths_;                // by literal id
    std::vector<Tally> tallies_;                 // by literal id
    uint64_t lines_since_reorder_ = 0;
    bool active_ = true;
};

}  // namespace eql
