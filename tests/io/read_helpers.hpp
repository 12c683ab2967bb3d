// Helpers shared by the event reader tests: read text or a file and keep what came out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/io/event_reader.hpp"

namespace eql::testing {

struct ReadResult {
    std::vector<EventPtr> events;
    std::vector<SkippedLine> skips;
    ReadStats stats;
    bool ok = true;     // ReadFile's result
    std::string error;  // ReadFile's error
};

inline uint64_t SkippedTotal(const ReadStats& stats) {
    uint64_t total = 0;
    for (const auto& [reason, count] : stats.skipped) {
        total += count;
    }
    return total;
}

inline ReadResult ReadWith(EventReader& reader, std::string_view text,
                           const std::string& name = "events.ndjson") {
    ReadResult result;
    reader.ReadText(
        name, text, [&](EventPtr event) { result.events.push_back(std::move(event)); },
        [&](const SkippedLine& skipped) { result.skips.push_back(skipped); });
    result.stats = reader.stats();
    return result;
}

inline ReadResult ReadText(const EventLayout& layout, std::string_view text,
                           ReadOptions options = {}) {
    EventReader reader(layout, options);
    return ReadWith(reader, text);
}

inline ReadResult ReadPath(const EventLayout& layout, const std::string& path,
                           ReadOptions options = {}) {
    EventReader reader(layout, options);
    ReadResult result;
    result.ok = reader.ReadFile(
        path, [&](EventPtr event) { result.events.push_back(std::move(event)); },
        [&](const SkippedLine& skipped) { result.skips.push_back(skipped); }, &result.error);
    result.stats = reader.stats();
    return result;
}

// A layout with the default clock (@timestamp) and the given fields.
inline EventLayout LayoutWith(const std::vector<std::string>& fields) {
    EventLayout layout;
    layout.AddClock(ClockSpec{});
    for (const std::string& field : fields) {
        layout.AddField(field);
    }
    return layout;
}

}  // namespace eql::testing
