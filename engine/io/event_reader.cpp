// EventReader: parses each record that SplitRecords finds, fills an Event for the layout, and
// reports every other record as a SkippedLine. Entry points ReadFile and ReadText.
//
// Design for throughput (replay reads gigabytes through here):
// - Input is read in blocks of 1 MiB or more (plain read(2), or zlib inflate for gzip) into
//   one reused buffer. Records are parsed in place, because the buffer keeps simdjson's 64
//   bytes of padding after every record, so no line is copied before parsing.
// - One simdjson DOM parser is reused for all records: its tape and string buffers are
//   allocated once. The DOM parse validates the whole record (structure and UTF-8).
// - All layout fields and clock fields are found in one walk of the parsed document, through
//   a trie of path segments (field_path.cpp), so the cost grows with the document's keys, not
//   with fields × keys.
// - The per-event allocations are the Event, its source text, its field vectors and long
//   strings. Error paths (number scans, UTF-8 offsets, exact number text) run only for the
//   records that need them.
#include "engine/io/event_reader.hpp"

#include <cmath>

#include <fmt/format.h>
#include <simdjson.h>

#include "engine/io/byte_source.hpp"
#include "engine/io/field_path.hpp"
#include "engine/io/parse_failure.hpp"
#include "engine/io/record_splitter.hpp"
#include "engine/io/timestamp.hpp"

namespace eql {

namespace dom = simdjson::dom;

namespace {

constexpr uint32_t kNoProbe = UINT32_MAX;
constexpr size_t kInitialParserCapacity = size_t{1} << 16;

// The probes one clock reads.
struct ClockProbes {
    uint32_t timestamp = kNoProbe;
    uint32_t fallback = kNoProbe;
    uint32_t tiebreaker = kNoProbe;
};

// The skip reason and message for a clock without a timestamp.
struct ClockFailure {
    std::string_view reason;  // empty: the clock has its timestamp
    std::string message;
};

const char* KindName(dom::element_type type) {
    switch (type) {
        case dom::element_type::ARRAY: return "an array";
        case dom::element_type::STRING: return "a string";
        case dom::element_type::BOOL: return "a boolean";
        case dom::element_type::NULL_VALUE: return "null";
        default: return "a number";
    }
}

// Shows a scalar value in a skip message as JSON would write it. `token` is a number's text
// when known, since the double may have lost digits.
std::string ShowValue(dom::element element, std::string_view token) {
    switch (element.type()) {
        case dom::element_type::STRING:
            return detail::QuoteForMessage(element.get_string().value_unsafe());
        case dom::element_type::INT64:
            return std::to_string(element.get_int64().value_unsafe());
        case dom::element_type::UINT64:
            return std::to_string(element.get_uint64().value_unsafe());
        case dom::element_type::DOUBLE:
            return token.empty() ? fmt::format("{}", element.get_double().value_unsafe())
                                 : std::string(token);
        case dom::element_type::BOOL:
            return element.get_bool().value_unsafe() ? "true" : "false";
        default:
            return "null";
    }
}

}  // namespace

class EventReader::Impl {
public:
    Impl(const EventLayout& layout, ReadOptions options);

    void Read(detail::ByteSource& source, const std::string& name, const EventCallback& on_event,
              const SkipCallback& on_skip, bool* io_ok);

    ReadStats stats;

private:
    void SyncLayout();
    uint32_t ProbeFor(const std::string& path);
    void HandleRecord(const detail::Record& record, const detail::ByteSource& source);
    void HandleText(const detail::Record& record);
    bool Parse(const detail::Record& record, dom::element* root, std::string_view* parsed);
    void SkipParseError(const detail::Record& record, simdjson::error_code error);
    ClockFailure ReadClock(uint32_t clock, std::string_view parsed, Ordinal* ordinal);
    ClockFailure ReadTimestamp(uint32_t probe, std::string_view parsed, int64_t* nanos);
    std::string SourceText(const detail::Record& record);
    void Skip(const detail::Record& record, std::string_view reason, std::string message);

    const EventLayout& layout_;
    ReadOptions options_;
    size_t synced_fields_ = SIZE_MAX;
    size_t synced_clocks_ = SIZE_MAX;
    detail::FieldTrie trie_;
    std::vector<std::string> probe_paths_;
    std::vector<ClockProbes> clock_probes_;
    detail::ProbeValues probes_;

    dom::parser parser_;
    simdjson::ondemand::parser exact_parser_;
    std::string rewritten_;  // a record with too-large integers rewritten as doubles
    std::string minified_;
    uint64_t next_input_order_ = 0;

    // The read in progress.
    std::shared_ptr<const std::string> file_;
    const EventCallback* on_event_ = nullptr;
    const SkipCallback* on_skip_ = nullptr;
};

EventReader::Impl::Impl(const EventLayout& layout, ReadOptions options)
    : layout_(layout), options_(options) {
    // simdjson's max depth counts one level more than the nesting it allows. When allocation
    // fails here, parsing allocates later, with simdjson's default depth.
    simdjson::error_code dom_status =
        parser_.allocate(kInitialParserCapacity, options_.max_depth + 1);
    simdjson::error_code exact_status =
        exact_parser_.allocate(kInitialParserCapacity, options_.max_depth + 1);
    (void)dom_status;
    (void)exact_status;
}

void EventReader::Impl::SyncLayout() {
    if (synced_fields_ == layout_.fields().size() && synced_clocks_ == layout_.clocks().size()) {
        return;
    }
    trie_ = detail::FieldTrie();
    probe_paths_.clear();
    clock_probes_.clear();
    for (uint32_t slot = 0; slot < layout_.fields().size(); ++slot) {
        trie_.AddField(layout_.fields()[slot], slot);
    }
    for (const ClockSpec& clock : layout_.clocks()) {
        ClockProbes probes;
        probes.timestamp = ProbeFor(clock.timestamp_field);
        probes.fallback = ProbeFor(clock.fallback_timestamp_field);
        probes.tiebreaker = ProbeFor(clock.tiebreaker_field);
        clock_probes_.push_back(probes);
    }
    synced_fields_ = layout_.fields().size();
    synced_clocks_ = layout_.clocks().size();
}

uint32_t EventReader::Impl::ProbeFor(const std::string& path) {
    if (path.empty()) {
        return kNoProbe;
    }
    for (uint32_t i = 0; i < probe_paths_.size(); ++i) {
        if (probe_paths_[i] == path) {
            return i;
        }
    }
    uint32_t probe = static_cast<uint32_t>(probe_paths_.size());
    probe_paths_.push_back(path);
    trie_.AddProbe(path, probe);
    return probe;
}

void EventReader::Impl::Read(detail::ByteSource& source, const std::string& name,
                             const EventCallback& on_event, const SkipCallback& on_skip,
                             bool* io_ok) {
    SyncLayout();
    file_ = std::make_shared<const std::string>(name);
    on_event_ = &on_event;
    on_skip_ = &on_skip;
    *io_ok = detail::SplitRecords(source, options_.max_line_bytes,
                                  [&](const detail::Record& record) {
                                      HandleRecord(record, source);
                                  });
    on_event_ = nullptr;
    on_skip_ = nullptr;
}

void EventReader::Impl::HandleRecord(const detail::Record& record,
                                     const detail::ByteSource& source) {
    ++stats.lines;
    const char* noun = record.array_element ? "array element" : "line";
    switch (record.kind) {
        case detail::Record::Kind::kText:
            HandleText(record);
            return;
        case detail::Record::Kind::kTooLong:
            Skip(record, skip_reason::kLineTooLong,
                 fmt::format("{} is {} bytes long, over the limit of {} bytes", noun,
                             record.length, options_.max_line_bytes));
            return;
        case detail::Record::Kind::kStreamBreak:
            if (source.state() == detail::ByteSource::State::kTruncatedGzip) {
                Skip(record, skip_reason::kTruncatedGzip,
                     "gzip stream is truncated: " + source.failure());
            } else {
                Skip(record, skip_reason::kCorruptGzip, "gzip stream is corrupt: " + source.failure());
            }
            return;
    }
}

void EventReader::Impl::HandleText(const detail::Record& record) {
    dom::element root;
    std::string_view parsed;
    if (!Parse(record, &root, &parsed)) {
        return;
    }
    if (root.type() != dom::element_type::OBJECT) {
        Skip(record, skip_reason::kNotAnObject,
             fmt::format("expected a JSON object, found {}", KindName(root.type())));
        return;
    }

    // Fields and clock values, in one walk.
    auto event = std::make_shared<Event>();
    event->fields.resize(layout_.fields().size());
    probes_.Reset(probe_paths_.size());
    trie_.Collect(root, &event->fields, &probes_);

    event->ordinals.resize(clock_probes_.size());
    for (uint32_t clock = 0; clock < clock_probes_.size(); ++clock) {
        ClockFailure failure = ReadClock(clock, parsed, &event->ordinals[clock]);
        if (clock == 0 && options_.require_timestamp && !failure.reason.empty()) {
            Skip(record, failure.reason, std::move(failure.message));
            return;
        }
    }

    event->file = file_;
    event->line = record.line;
    event->input_order = next_input_order_++;
    event->source = SourceText(record);
    ++stats.events;
    if (*on_event_) {
        (*on_event_)(std::move(event));
    }
}

// Parses the record in place. On failure, reports the skip and returns false. *parsed is the
// text that was parsed: the record's, or a copy with too-large integers rewritten.
bool EventReader::Impl::Parse(const detail::Record& record, dom::element* root,
                              std::string_view* parsed) {
    *parsed = record.text;
    simdjson::error_code error = parser_.parse(record.text.data(), record.text.size(), false).get(*root);
    if (error == simdjson::NUMBER_ERROR) {
        detail::NumberScan scan = detail::ScanNumbers(record.text);
        if (scan.problem == detail::NumberScan::Problem::kMalformed) {
            Skip(record, skip_reason::kInvalidJson,
                 fmt::format("not valid JSON: invalid number '{}'", scan.token));
            return false;
        }
        if (scan.problem == detail::NumberScan::Problem::kOutOfRange) {
            Skip(record, skip_reason::kNumberOutOfRange,
                 fmt::format("number {} is out of range", scan.token));
            return false;
        }
        if (!scan.big_integer_ends.empty()) {
            size_t length = detail::RewriteBigIntegers(record.text, scan.big_integer_ends,
                                                       detail::kRecordPadding, &rewritten_);
            *parsed = std::string_view(rewritten_.data(), length);
            error = parser_.parse(parsed->data(), parsed->size(), false).get(*root);
        }
    }
    if (error != simdjson::SUCCESS) {
        SkipParseError(record, error);
        return false;
    }
    return true;
}

void EventReader::Impl::SkipParseError(const detail::Record& record, simdjson::error_code error) {
    const char* noun = record.array_element ? "array element" : "line";
    if (error == simdjson::UTF8_ERROR) {
        size_t offset = detail::FindInvalidUtf8(record.text);
        Skip(record, skip_reason::kInvalidUtf8,
             fmt::format("invalid UTF-8 at byte {} of the {}", offset + 1, noun));
    } else if (error == simdjson::DEPTH_ERROR) {
        Skip(record, skip_reason::kTooDeep,
             fmt::format("JSON nesting is deeper than the limit of {} levels", options_.max_depth));
    } else {
        Skip(record, skip_reason::kInvalidJson,
             "not valid JSON: " + detail::DescribeJsonError(simdjson::error_message(error)));
    }
}

ClockFailure EventReader::Impl::ReadClock(uint32_t clock, std::string_view parsed,
                                          Ordinal* ordinal) {
    const ClockProbes& probes = clock_probes_[clock];
    if (probes.tiebreaker != kNoProbe && probes_.found[probes.tiebreaker]) {
        ordinal->has_tiebreaker =
            detail::ToValue(probes_.values[probes.tiebreaker], &ordinal->tiebreaker);
    }

    uint32_t probe = probes.timestamp;
    bool has_primary = probe != kNoProbe && probes_.found[probe];
    if (!has_primary && probes.fallback != kNoProbe && probes_.found[probes.fallback]) {
        probe = probes.fallback;
    }
    if (probe == kNoProbe || !probes_.found[probe]) {
        const ClockSpec& spec = layout_.clocks()[clock];
        if (spec.fallback_timestamp_field.empty()) {
            return {skip_reason::kMissingTimestamp,
                    fmt::format("missing timestamp field '{}'", spec.timestamp_field)};
        }
        return {skip_reason::kMissingTimestamp,
                fmt::format("missing timestamp fields '{}' and '{}'", spec.timestamp_field,
                            spec.fallback_timestamp_field)};
    }

    ClockFailure failure = ReadTimestamp(probe, parsed, &ordinal->timestamp_ns);
    ordinal->has_timestamp = failure.reason.empty();
    return failure;
}

ClockFailure EventReader::Impl::ReadTimestamp(uint32_t probe, std::string_view parsed,
                                              int64_t* nanos) {
    dom::element element = probes_.values[probe];
    TimestampStatus status = TimestampStatus::kInvalid;
    std::string_view token;  // a number's text, when it had to be looked up
    switch (element.type()) {
        case dom::element_type::STRING:
            status = ParseTimestampString(element.get_string().value_unsafe(), nanos);
            break;
        case dom::element_type::INT64:
            status = EpochMillisToNanos(element.get_int64().value_unsafe(), nanos);
            break;
        case dom::element_type::UINT64:
            status = TimestampStatus::kOutOfRange;
            break;
        case dom::element_type::DOUBLE:
            // The double has lost digits that the text still has.
            if (detail::FindFirstValueText(exact_parser_, parsed, probe_paths_[probe], &token)) {
                status = ParseEpochMillisNumber(token, nanos);
            } else {
                double millis = element.get_double().value_unsafe();
                status = std::fabs(millis) < 9.2e12 ? TimestampStatus::kOk
                                                     : TimestampStatus::kOutOfRange;
                *nanos = status == TimestampStatus::kOk ? std::llround(millis * 1e6) : 0;
            }
            break;
        default:
            break;
    }
    if (status == TimestampStatus::kOk) {
        return {};
    }

    std::string value_text = ShowValue(element, token);
    const std::string& field = probe_paths_[probe];
    if (status == TimestampStatus::kOutOfRange) {
        return {skip_reason::kInvalidTimestamp,
                fmt::format("timestamp {} in field '{}' is outside the nanosecond range "
                            "(1677-09-21 to 2262-04-11)",
                            value_text, field)};
    }
    return {skip_reason::kInvalidTimestamp,
            fmt::format("invalid timestamp {} in field '{}' (expected an ISO-8601 date or "
                        "epoch milliseconds)",
                        value_text, field)};
}

// The record's text for Event::source: a multi-line array element is minified, so that
// every source fits on one output line.
std::string EventReader::Impl::SourceText(const detail::Record& record) {
    if (!record.multiline) {
        return std::string(record.text);
    }
    minified_.resize(record.text.size() + detail::kRecordPadding);
    size_t length = 0;
    if (simdjson::minify(record.text.data(), record.text.size(), minified_.data(), length) !=
        simdjson::SUCCESS) {
        return std::string(record.text);
    }
    return std::string(minified_.data(), length);
}

void EventReader::Impl::Skip(const detail::Record& record, std::string_view reason,
                             std::string message) {
    ++stats.skipped[std::string(reason)];
    if (*on_skip_) {
        SkippedLine skipped;
        skipped.file = *file_;
        skipped.line = record.line;
        skipped.reason = std::string(reason);
        skipped.message = std::move(message);
        (*on_skip_)(skipped);
    }
}

EventReader::EventReader(const EventLayout& layout, ReadOptions options)
    : impl_(std::make_unique<Impl>(layout, options)) {}

EventReader::~EventReader() = default;

bool EventReader::ReadFile(const std::string& path, const EventCallback& on_event,
                           const SkipCallback& on_skip, std::string* error) {
    detail::ByteSource source;
    if (!source.OpenFile(path, error)) {
        return false;
    }
    std::string name = path == "-" ? "<stdin>" : path;
    bool io_ok = true;
    impl_->Read(source, name, on_event, on_skip, &io_ok);
    if (!io_ok) {
        *error = "failed to read '" + name + "': " + source.failure();
    }
    return io_ok;
}

void EventReader::ReadText(const std::string& name, std::string_view text,
                           const EventCallback& on_event, const SkipCallback& on_skip) {
    detail::ByteSource source;
    source.OpenMemory(text);
    bool io_ok = true;
    impl_->Read(source, name, on_event, on_skip, &io_ok);
}

const ReadStats& EventReader::stats() const { return impl_->stats; }

}  // namespace eql
