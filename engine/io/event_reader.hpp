// The event reader: turns NDJSON or JSON-array input (plain, gzip or standard input) into
// Events laid out for the loaded plans, and accounts for every input line: each non-blank
// line becomes an event or a SkippedLine with a reason.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "engine/io/event.hpp"
#include "engine/io/line_prefilter.hpp"

namespace eql {

// A test each parsing thread applies to its events before they are delivered, such as the
// stage tests of the loaded plans. Each thread has its own filter, made by
// ReadOptions::make_filter, so a filter needs no locking.
class EventFilter {
public:
    virtual ~EventFilter() = default;
    // Returns false to drop `event`; it may also fill the event's members (Event::passes).
    virtual bool Keep(Event& event) = 0;
};

struct ReadOptions {
    // true: a line whose clock-0 timestamp is missing or invalid is skipped. false: it is kept
    // with has_timestamp = false (samples need no timestamp). Other clocks never skip a line.
    bool require_timestamp = true;
    // A line (or JSON array element) longer than this, without its line end, is skipped.
    size_t max_line_bytes = size_t{16} << 20;
    // Objects and arrays nested deeper than this are skipped. ECS events nest about 6 deep.
    // An empty object or array one level past the limit is still accepted.
    size_t max_depth = 128;
    // Threads that parse. 0 or 1: the calling thread alone. N > 1: a splitter thread, N - 1
    // workers and the calling thread, which delivers events and skips in input order, so
    // every result is the same as with one thread.
    unsigned threads = 1;
    // When set and active, a line it rejects is counted under skip_reason::kPrefiltered
    // without being parsed (so it is not checked for any other skip reason either), and no
    // skip callback is made for it. It must outlive the reader.
    const LinePrefilter* prefilter = nullptr;
    // When set, called on the delivering thread after every 4096th record with the records
    // delivered so far over all reads, and the bytes taken from the inputs as stored
    // (compressed bytes for gzip). The bytes run ahead of the records by the input that is
    // read but not yet delivered, which the reader's buffers (a few MiB) bound.
    std::function<void(uint64_t records, uint64_t bytes)> on_progress;
    // When set, the reader checks it while it reads: once it is true (a signal handler may
    // set it), no more input is read and nothing more is delivered or counted, so the
    // statistics still add up. It must outlive the reader.
    const std::atomic<bool>* cancel = nullptr;
    // When set, each parsing thread makes a filter with it. A dropped event is counted in
    // ReadStats::events and events_filtered but not delivered, and a delivered event's fields
    // end after its last field that has a value (a slot past the end is missing).
    std::function<std::unique_ptr<EventFilter>()> make_filter;
    // Event::input_order of the first event delivered; the next ones count up from it.
    uint64_t first_input_order = 0;
};

// The stable codes of SkippedLine::reason.
namespace skip_reason {
inline constexpr std::string_view kInvalidJson = "invalid-json";
inline constexpr std::string_view kNotAnObject = "not-an-object";
inline constexpr std::string_view kInvalidUtf8 = "invalid-utf8";
inline constexpr std::string_view kTooDeep = "too-deep";
inline constexpr std::string_view kLineTooLong = "line-too-long";
inline constexpr std::string_view kNumberOutOfRange = "number-out-of-range";
inline constexpr std::string_view kMissingTimestamp = "missing-timestamp";
inline constexpr std::string_view kInvalidTimestamp = "invalid-timestamp";
// The gzip stream ends early or is damaged. One record stands for the break and for the
// partial line it cut; the lines before it were read as usual.
inline constexpr std::string_view kTruncatedGzip = "truncated-gzip";
inline constexpr std::string_view kCorruptGzip = "corrupt-gzip";
// The line lacks a string that every stage of every plan requires (ReadOptions::prefilter).
inline constexpr std::string_view kPrefiltered = "prefiltered";
}  // namespace skip_reason

struct SkippedLine {
    std::string file;     // the input name, as events carry it
    uint64_t line = 0;    // 1-based line (where the array element starts, for JSON arrays)
    std::string reason;   // one of skip_reason
    std::string message;  // what is wrong, without the FILE:LINE prefix
};

struct ReadStats {
    uint64_t lines = 0;   // non-blank lines (or JSON array elements) read
    uint64_t events = 0;  // lines that became events
    uint64_t events_filtered = 0;  // of those, the events ReadOptions::make_filter dropped
    std::map<std::string, uint64_t> skipped;  // reason -> count
    // Always: lines == events + the sum of skipped.
};

// Reads events for one EventLayout. Each event gets every layout field's values (see
// FieldTrie in field_path.hpp for how paths resolve) and one Ordinal per layout clock. A clock
// reads its timestamp from timestamp_field, or from fallback_timestamp_field when the first has
// no value; its tiebreaker is the first value of tiebreaker_field. Timestamps are ISO-8601
// strings, epoch milliseconds as a JSON number, or epoch milliseconds as a string (timestamp.hpp).
//
// Input is NDJSON, one object a line, or a JSON array of objects (when its first non-space
// character is '[') whose elements may be pretty-printed and separated by // or /* */ comments.
// A byte-order mark, CRLF line ends and a missing final newline are accepted. Event::source is
// the line without its line end; for a multi-line array element, the element minified.
//
// The layout must outlive the reader, and fields added to it later are picked up by the next
// read. Statistics and input_order numbering run on across all reads of one reader.
class EventReader {
public:
    using EventCallback = std::function<void(EventPtr)>;
    using SkipCallback = std::function<void(const SkippedLine&)>;

    explicit EventReader(const EventLayout& layout, ReadOptions options = {});
    ~EventReader();
    EventReader(const EventReader&) = delete;
    EventReader& operator=(const EventReader&) = delete;

    // Reads a file; "-" is standard input, named "<stdin>" in events and skip records. Gzip
    // is recognised by its magic bytes, not by the name. Returns false with *error set when
    // the file cannot be opened or read; the lines before a read error have been delivered.
    // A broken gzip stream is not an error here but a skip record. Empty callbacks are allowed.
    bool ReadFile(const std::string& path, const EventCallback& on_event,
                  const SkipCallback& on_skip, std::string* error);

    // Reads NDJSON or a JSON array held in memory, named `name` in events and skip records.
    void ReadText(const std::string& name, std::string_view text, const EventCallback& on_event,
                  const SkipCallback& on_skip);

    const ReadStats& stats() const;

    // Makes the read in progress, and every later one, deliver nothing more. The rest of the
    // input is still split into records, but not parsed or counted. Call it from a callback.
    void Stop();

    // Bytes of record text delivered so far, line ends not counted, over all reads.
    uint64_t bytes_delivered() const;

    // Whether ReadOptions::cancel is set, which ends every read early.
    bool cancelled() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace eql
