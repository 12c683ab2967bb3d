// Helpers shared by the event reader tests: read text or a file and keep what came out,
// compress text with gzip, and write files into a temporary folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>
#include <unistd.h>
#include <zlib.h>

#include "engine/io/event_reader.hpp"

namespace eql::testing {

// A folder of its own under the system temp folder, removed at the end of the test.
class TempDir {
public:
    TempDir() {
        path_ = std::filesystem::temp_directory_path() /
                ("eqlite-io-test-" + std::to_string(getpid()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }

    std::string Write(const std::string& name, const std::string& bytes) const {
        std::string file = (path_ / name).string();
        std::ofstream out(file, std::ios::binary);
        out << bytes;
        return file;
    }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

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

// Compresses `text` into one gzip member.
inline std::string Gzip(const std::string& text) {
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&stream, text.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

}  // namespace eql::testing
