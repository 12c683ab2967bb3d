// libFuzzer target for the event reader: EventReader::ReadText on arbitrary bytes, over a
// layout with a few fields and two clocks. Each input is read four ways: with the default
// options, on three threads, with tight limits and no required timestamp, and gzip-compressed
// and cut short. The target aborts when a line goes unaccounted for (lines must equal events
// plus skipped lines), when the threaded read differs from the plain one, or when a cut gzip
// stream does not give a prefix of the events of the whole text. Entry point
// LLVMFuzzerTestOneInput.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

#include "engine/io/event_reader.hpp"

namespace {

constexpr size_t kMaxInputBytes = 256 * 1024;

eql::EventLayout MakeLayout() {
    eql::EventLayout layout;
    layout.AddClock(eql::ClockSpec{"@timestamp", "event.created", "event.sequence"});
    layout.AddClock(eql::ClockSpec{"timestamp", "", ""});
    for (const char* field : {"event.category", "process.name", "process.args", "host.id",
                              "a.b.c", "x", "id", "user.name"}) {
        layout.AddField(field);
    }
    return layout;
}

struct Outcome {
    std::vector<std::string> sources;  // of the events, in order
    std::vector<std::string> skips;    // "LINE REASON MESSAGE" of each skipped line, in order
};

void Fail(const char* what, const eql::ReadStats& stats, uint64_t skipped) {
    std::fprintf(stderr, "%s: lines %llu, events %llu, skipped %llu\n", what,
                 static_cast<unsigned long long>(stats.lines),
                 static_cast<unsigned long long>(stats.events),
                 static_cast<unsigned long long>(skipped));
    std::abort();
}

// Reads `text` and checks that every line is either an event or a skip, in the statistics
// and in the callbacks alike.
Outcome ReadChecked(const eql::EventLayout& layout, std::string_view text,
                    const eql::ReadOptions& options) {
    Outcome outcome;
    eql::EventReader reader(layout, options);
    reader.ReadText(
        "fuzz.ndjson", text,
        [&](eql::EventPtr event) {
            // Fields end after the last slot with a value, so they may be fewer.
            if (event->fields.size() > layout.fields().size() ||
                event->ordinals.size() != layout.clocks().size() || event->line == 0) {
                std::abort();
            }
            outcome.sources.push_back(event->source);
        },
        [&](const eql::SkippedLine& skipped) {
            if (skipped.reason.empty() || skipped.message.empty() || skipped.line == 0) {
                std::abort();
            }
            outcome.skips.push_back(std::to_string(skipped.line) + " " + skipped.reason + " " +
                                    skipped.message);
        });

    const eql::ReadStats& stats = reader.stats();
    uint64_t skipped = 0;
    for (const auto& [reason, count] : stats.skipped) {
        skipped += count;
    }
    if (stats.lines != stats.events + skipped) {
        Fail("lines != events + skipped", stats, skipped);
    }
    if (stats.events != outcome.sources.size() || skipped != outcome.skips.size()) {
        Fail("callbacks disagree with the statistics", stats, skipped);
    }
    return outcome;
}

std::string Gzip(std::string_view text) {
    z_stream stream{};
    // 16 + MAX_WBITS: write a gzip header and trailer.
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        std::abort();
    }
    std::string out(deflateBound(&stream, text.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END) {
        std::abort();
    }
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

// A gzip stream cut anywhere yields the events of the whole text up to the cut, minus the
// record the cut went through.
void CheckTruncatedGzip(const eql::EventLayout& layout, std::string_view text,
                        const Outcome& whole) {
    std::string compressed = Gzip(text);
    size_t cut = compressed.size() / 2 + text.size() % 7;
    if (cut >= compressed.size()) {
        return;
    }
    Outcome part = ReadChecked(layout, std::string_view(compressed).substr(0, cut), {});
    if (part.sources.size() > whole.sources.size()) {
        std::abort();
    }
    for (size_t i = 0; i < part.sources.size(); ++i) {
        if (part.sources[i] != whole.sources[i]) {
            std::fprintf(stderr, "event %zu of the cut gzip stream differs\n", i);
            std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > kMaxInputBytes) {
        return -1;
    }
    std::string_view text(reinterpret_cast<const char*>(data), size);
    static const eql::EventLayout layout = MakeLayout();

    Outcome whole = ReadChecked(layout, text, {});

    eql::ReadOptions threaded;
    threaded.threads = 3;
    Outcome parallel = ReadChecked(layout, text, threaded);
    if (parallel.sources != whole.sources || parallel.skips != whole.skips) {
        std::fprintf(stderr, "the read on three threads differs from the read on one\n");
        std::abort();
    }

    eql::ReadOptions tight;
    tight.require_timestamp = false;
    tight.max_line_bytes = 96;
    tight.max_depth = 3;
    ReadChecked(layout, text, tight);

    // Plain text only: compressing a gzip input again would test nothing new.
    bool is_gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    if (!is_gzip) {
        CheckTruncatedGzip(layout, text, whole);
    }
    return 0;
}
