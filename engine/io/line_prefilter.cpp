// LinePrefilter: the stages are an OR of ANDs of substring tests. A stage whose strings include
// all of another stage's is dropped, since it can only pass where the other passes. Each string
// is searched at most once per line. Within a stage, the strings that were absent most often in
// the lines so far come first, so a failing stage usually stops at its first search. A search
// compares 16 or 32 candidate positions at a time on the string's two rarest bytes (by a fixed
// guess of byte frequencies in ECS JSON) and runs memcmp only where both match
// (anchored_search.cpp). Entry points: AddStage, MayPass.
#include "engine/io/line_prefilter.hpp"

#include "engine/io/ascii_fold.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "engine/io/anchored_search.hpp"

namespace eql {

namespace {

// True when every id of `small` is in `large`; both are sorted.
bool IsSubset(const std::vector<uint32_t>& small, const std::vector<uint32_t>& large) {
    return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

// Writes `text` with ASCII letters lowered to `out`, eight bytes at a time.
void LowerAsciiInto(std::string_view text, char* out) {
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        word = FoldAsciiWord(word);
        std::memcpy(out + i, &word, 8);
    }
    for (; i < text.size(); ++i) {
        char c = text[i];
        out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
}

// Bytes of ECS JSON from the most to the least frequent, roughly; others count as rarer still.
constexpr std::string_view kCommonBytes = "\"e:,at.osinr_-l0c1d2pm3u4g5h6f7b8{9}vTZ/kwyEDSx[]";

// The rank of `byte` among bytes of ECS JSON, higher for rarer ones.
size_t Rarity(char byte) {
    size_t rank = kCommonBytes.find(byte);
    return rank == std::string_view::npos ? kCommonBytes.size() : rank;
}

// The indexes of the two bytes of `text` least likely to occur in a line, the rarer first. For
// a one-byte text both are 0.
std::pair<size_t, size_t> TwoRarestBytes(const std::string& text) {
    size_t first = 0;
    for (size_t i = 1; i < text.size(); ++i) {
        if (Rarity(text[i]) > Rarity(text[first])) {
            first = i;
        }
    }
    size_t second = first;
    for (size_t i = 0; i < text.size(); ++i) {
        if (i != first && (second == first || Rarity(text[i]) > Rarity(text[second]))) {
            second = i;
        }
    }
    return {first, second};
}

// True when the bytes at `start` equal `needle`.
bool MatchesAt(const char* start, const std::string& needle) {
    return std::memcmp(start, needle.data(), needle.size()) == 0;
}

// Lines between two reorders of the stages' strings.
constexpr uint64_t kReorderInterval = 4096;

// The prefix index hashes a literal's first kPrefixBytes bytes to kPrefixHashBits bits.
constexpr size_t kPrefixBytes = 4;
constexpr unsigned kPrefixHashBits = 16;

uint32_t PrefixHash(const char* bytes) {
    uint32_t key = 0;
    std::memcpy(&key, bytes, kPrefixBytes);
    return (key * 0x9E3779B1u) >> (32 - kPrefixHashBits);
}

// The first min(8, size) bytes of `bytes` as a word, the rest zero.
uint64_t LoadHead(const char* bytes, size_t size) {
    uint64_t head = 0;
    std::memcpy(&head, bytes, std::min<size_t>(size, 8));
    return head;
}

// The bits of LoadHead's word that hold the first min(8, size) bytes.
uint64_t HeadMask(size_t size) {
    const char ones[8] = {'\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff'};
    return LoadHead(ones, size);
}

}  // namespace

uint32_t LiteralSet::Add(const std::string& text, bool folded) {
    for (uint32_t i = 0; i < literals_.size(); ++i) {
        if (literals_[i].folded == folded && literals_[i].text == text) {
            return i;
        }
    }
    auto [anchor, second] = TwoRarestBytes(text);
    literals_.push_back(Literal{text, folded, anchor, second});
    state_.push_back(0);
    return static_cast<uint32_t>(literals_.size() - 1);
}

void LiteralSet::Reset(std::string_view text) {
    text_ = text;
    std::fill(state_.begin(), state_.end(), 0);
    lowered_ready_ = false;
    scanned_ = false;
}

bool LiteralSet::Contains(uint32_t literal) {
    int8_t& state = state_[literal];
    if (state == 0 && !scanned_ && literals_.size() >= kScanAllLiterals) {
        ScanAll();
    }
    if (state != 0) {
        return state > 0;
    }
    const Literal& wanted = literals_[literal];
    std::string_view haystack = wanted.folded ? Lowered() : text_;
    bool found =
        detail::ContainsAnchored(haystack, wanted.text, wanted.anchor, wanted.second_anchor);
    state = found ? 1 : -1;
    return found;
}

std::string_view LiteralSet::Lowered() {
    if (!lowered_ready_) {
        lowered_.resize(text_.size());
        LowerAsciiInto(text_, lowered_.data());
        lowered_ready_ = true;
    }
    return lowered_;
}

// Marks every literal of 4 bytes or more present or absent; shorter ones stay unknown and are
// searched one by one. Runs before any other search of the text, so every state is unknown.
void LiteralSet::ScanAll() {
    scanned_ = true;
    if (indexed_literals_ != literals_.size()) {
        BuildIndex();
    }
    state_ = scan_start_;
    ScanText();
}

// Finds both kinds of literal in one pass over the lowered text, since lowering keeps every
// byte in place. A folded literal is compared with the lowered text, an exact one with the text.
void LiteralSet::ScanText() {
    std::string_view lowered = Lowered();
    if (lowered.size() < kPrefixBytes) {
        return;
    }
    const char* lowered_begin = lowered.data();
    const char* text_begin = text_.data();
    for (size_t start = 0; start + kPrefixBytes <= lowered.size(); ++start) {
        uint32_t hash = PrefixHash(lowered_begin + start);
        if (((index_.occupied[hash / 64] >> (hash % 64)) & 1) == 0) {
            continue;
        }
        size_t left = lowered.size() - start;
        uint64_t lowered_head = LoadHead(lowered_begin + start, left);
        uint64_t text_head = LoadHead(text_begin + start, left);
        for (uint32_t at = index_.offsets[hash]; at < index_.offsets[hash + 1]; ++at) {
            const PrefixIndex::Entry& entry = index_.entries[at];
            uint64_t head = entry.folded ? lowered_head : text_head;
            if ((head & entry.head_mask) != entry.head || state_[entry.id] == 1) {
                continue;
            }
            const std::string& wanted = literals_[entry.id].text;
            const char* begin = entry.folded ? lowered_begin : text_begin;
            if (wanted.size() <= left && MatchesAt(begin + start, wanted)) {
                state_[entry.id] = 1;
            }
        }
    }
}

void LiteralSet::BuildIndex() {
    BuildPrefixIndex();
    indexed_literals_ = literals_.size();
    scan_start_.assign(literals_.size(), 0);
    for (size_t i = 0; i < literals_.size(); ++i) {
        if (literals_[i].text.size() >= kPrefixBytes) {
            scan_start_[i] = -1;
        }
    }
}

// Sorts the literals of 4 bytes or more by the hash of their lowered first 4 bytes (a counting
// sort), since ScanText hashes the lowered text.
void LiteralSet::BuildPrefixIndex() {
    constexpr size_t kHashes = size_t{1} << kPrefixHashBits;
    PrefixIndex& index = index_;
    index.occupied.assign(kHashes / 64, 0);
    index.offsets.assign(kHashes + 1, 0);
    index.entries.clear();
    auto lowered_hash = [](const std::string& text) {
        char prefix[kPrefixBytes];
        LowerAsciiInto(std::string_view(text.data(), kPrefixBytes), prefix);
        return PrefixHash(prefix);
    };
    for (const Literal& literal : literals_) {
        if (literal.text.size() >= kPrefixBytes) {
            ++index.offsets[lowered_hash(literal.text) + 1];
        }
    }
    for (size_t hash = 0; hash < kHashes; ++hash) {
        index.offsets[hash + 1] += index.offsets[hash];
    }
    index.entries.resize(index.offsets[kHashes]);
    std::vector<uint32_t> next(index.offsets.begin(), index.offsets.end() - 1);
    for (uint32_t id = 0; id < literals_.size(); ++id) {
        const Literal& literal = literals_[id];
        if (literal.text.size() >= kPrefixBytes) {
            uint32_t hash = lowered_hash(literal.text);
            index.entries[next[hash]++] = {id, literal.folded,
                                           LoadHead(literal.text.data(), literal.text.size()),
                                           HeadMask(literal.text.size())};
            index.occupied[hash / 64] |= uint64_t{1} << (hash % 64);
        }
    }
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
        tallies_.resize(literals_.size());
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
    if (++lines_since_reorder_ == kReorderInterval) {
        ReorderStages();
    }
    literals_.Reset(text);
    for (const std::vector<uint32_t>& stage : stages_) {
        bool all = std::all_of(stage.begin(), stage.end(), [this](uint32_t literal) {
            bool found = literals_.Contains(literal);
            ++tallies_[literal].searched;
            tallies_[literal].absent += found ? 0 : 1;
            return found;
        });
        if (all) {
            return true;
        }
    }
    return false;
}

// Sorts each stage's strings by the share of lines that lacked them, longest first on ties.
// The counts are halved after each reorder, so the order follows changes in the input.
void LinePrefilter::ReorderStages() {
    lines_since_reorder_ = 0;
    auto absent_share = [this](uint32_t literal) {
        const Tally& tally = tallies_[literal];
        return (static_cast<double>(tally.absent) + 1) / (static_cast<double>(tally.searched) + 2);
    };
    for (std::vector<uint32_t>& stage : stages_) {
        std::stable_sort(stage.begin(), stage.end(), [&](uint32_t a, uint32_t b) {
            double share_a = absent_share(a);
            double share_b = absent_share(b);
            if (share_a != share_b) {
                return share_a > share_b;
            }
            return lengths_[a] > lengths_[b];
        });
    }
    for (Tally& tally : tallies_) {
        tally.searched /= 2;
        tally.absent /= 2;
    }
}

}  // namespace eql
