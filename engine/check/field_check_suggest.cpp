// The "did you mean" search for unknown fields: the schema path nearest to the unknown one by
// optimal string alignment distance (Levenshtein plus swaps of adjacent characters).
// Entry point: SuggestField.
#include <algorithm>
#include <string>
#include <vector>

#include "engine/check/field_check_internal.hpp"

namespace eql::detail {
namespace {

// Allows one edit per five characters, at least one and at most two. Three edits already turn
// `file.Ext.original.path` into the unrelated `file.Ext.original.name`.
std::size_t MaxDistance(std::size_t length) {
    return std::clamp<std::size_t>(length / 5, 1, 2);
}

// Three rows of the dynamic-programming table: two back, previous and current. One set serves
// every candidate of a search, so that a row is allocated only when it must grow.
struct DistanceRows {
    std::vector<std::size_t> before;
    std::vector<std::size_t> previous;
    std::vector<std::size_t> current;
};

// Returns the distance between `a` and `b`, or `limit + 1` once it must exceed `limit`.
// A cell (i, j) of the table is at least |i - j|, so only the band |i - j| <= limit is
// computed, and every cell past it counts as `limit + 1`.
std::size_t BoundedDistance(std::string_view a, std::string_view b, std::size_t limit,
                            DistanceRows& rows) {
    std::size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (length_gap > limit) {
        return limit + 1;
    }

    const std::size_t over = limit + 1;
    std::vector<std::size_t>& before = rows.before;
    std::vector<std::size_t>& previous = rows.previous;
    std::vector<std::size_t>& current = rows.current;
    before.assign(b.size() + 1, over);
    previous.assign(b.size() + 1, over);
    current.assign(b.size() + 1, over);
    for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t low = i > limit ? i - limit : 1;
        std::size_t high = std::min(b.size(), i + limit);
        current[0] = std::min(i, over);
        current[low - 1] = low == 1 ? current[0] : over;
        std::size_t row_min = current[0];
        for (std::size_t j = low; j <= high; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t value =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                value = std::min(value, before[j - 2] + 1);
            }
            current[j] = std::min(value, over);
            row_min = std::min(row_min, current[j]);
        }
        if (high < b.size()) {
            current[high + 1] = over;
        }
        if (row_min > limit) {
            return over;
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

}  // namespace

std::optional<std::string> SuggestField(std::string_view path,
                                        const std::vector<std::string>& candidates) {
    std::size_t best_distance = MaxDistance(path.size()) + 1;
    const std::string* best = nullptr;
    DistanceRows rows;
    for (const std::string& candidate : candidates) {
        std::size_t distance = BoundedDistance(path, candidate, best_distance - 1, rows);
        // Candidates come sorted, so on a tie the first in order wins.
        if (distance < best_distance && distance > 0) {
            best_distance = distance;
            best = &candidate;
        }
    }
    if (best == nullptr) {
        return std::nullopt;
    }
    return *best;
}

}  // namespace eql::detail
