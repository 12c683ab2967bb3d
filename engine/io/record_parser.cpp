// RecordParser: the simdjson DOM parse of one record, the field walk that fills an Event for
// the layout, the clock values, and the exact skip reason and message for every record that
// does not become an event. A line the prefilter rejects is counted without being parsed.
// Entry point: Handle.
//
// Design for throughput (replay reads gigabytes through here):
// - Records are parsed in place, because the splitter keeps simdjson's 64 bytes of padding
//   after every record, so no line is copied before parsing.
// - One simdjson DOM parser is reused for all records: its tape and string buffers are
//   allocated once. The DOM parse validates the whole record (structure and UTF-8).
// - All layout fields and clock fields are found in one walk of the parsed document, through
//   a trie of path segments (field_path.cpp), so the cost grows with the document's keys, not
//   with fields x keys.
// - The per-event allocations are the Event, its source text, its field vectors and long
//   strings. Error paths (number scans, UTF-8 offsets, exact number text) run only for the
//   records that need them.
#include "engine/io/record_parser.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/io/byte_source.hpp"
#include "engine/io/parse_failure.hpp"
#include "engine/io/timestamp.hpp"

namespace eql::detail {

namespace dom = simdjson::dom;

namespace {

constexpr uint32_t kNoProbe = UINT32_MAX;
constexpr size_t kInitialParserCapacity = size_t{1} << 16;

void Fail(RecordOutcome* outcome, std::string_view reason, std::string message) {
    outcome->reason = reason;
    outcome->message = std::move(message);
}

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
                                 : detail::ShowNumberToken(token);
        case dom::element_type::BOOL:
            return element.get_bool().value_unsafe() ? "true" : "false";
        default:
            return "null";
    }
}

}  // namespace

RecordParser::RecordParser(const EventLayout& layout, const ReadOptions& options)
    : layout_(layout), options_(options) {
    if (options_.prefilter != nullptr && options_.prefilter->active()) {
        prefilter_ = std::make_unique<LinePrefilter>(*options_.prefilter);
    }
    if (options_.make_filter) {
        filter_ = options_.make_filter();
    }
    // simdjson's max depth counts one level more than the nesting it allows. When allocation
    // fails here, parsing allocates later, with simdjson's default depth.
    simdjson::error_code dom_status =
        parser_.allocate(kInitialParserCapacity, options_.max_depth + 1);
    simdjson::error_code exact_status =
        exact_parser_.allocate(kInitialParserCapacity, options_.max_depth + 1);
    (void)dom_status;
    (void)exact_status;
}

void RecordParser::SyncLayout() {
    if (synced_fields_ == layout_.fields().size() && synced_clocks_ == layout_.clocks().size()) {
        return;
    }
    trie_ = FieldTrie();
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

uint32_t RecordParser::ProbeFor(const std::string& path) {
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

void RecordParser::Handle(const Record& record, const ByteSource& source,
                          RecordOutcome* outcome, Event* park) {
    *outcome = RecordOutcome{};
    outcome->line = record.line;
    const char* noun = record.array_element ? "array element" : "line";
    switch (record.kind) {
        case Record::Kind::kText:
            HandleText(record, outcome, park);
            return;
        case Record::Kind::kTooLong:
            Fail(outcome, skip_reason::kLineTooLong,
                 fmt::format("{} is {} bytes long, over the limit of {} bytes", noun,
                             record.length, options_.max_line_bytes));
            return;
        case Record::Kind::kStreamBreak:
            if (source.state() == ByteSource::State::kTruncatedGzip) {
                Fail(outcome, skip_reason::kTruncatedGzip,
                     "gzip stream is truncated: " + source.failure());
            } else {
                Fail(outcome, skip_reason::kCorruptGzip,
                     "gzip stream is corrupt: " + source.failure());
            }
            return;
    }
}

void RecordParser::HandleText(const Record& record, RecordOutcome* outcome, Event* park) {
    if (prefilter_ != nullptr && !prefilter_->MayPass(record.text)) {
        outcome->reason = skip_reason::kPrefiltered;
        return;
    }
    dom::element root;
    std::string_view parsed;
    if (!Parse(record, &root, &parsed, outcome)) {
        return;
    }
    if (root.type() != dom::element_type::OBJECT) {
        Fail(outcome, skip_reason::kNotAnObject,
             fmt::format("expected a JSON object, found {}", KindName(root.type())));
        return;
    }

    // Fields and clock values, in one walk. The scratch event keeps its vectors' capacity
    // from one record to the next.
    Event& event = scratch_;
    collected_.resize(layout_.fields().size());
    probes_.Reset(probe_paths_.size());
    trie_.Collect(root, &collected_, &probes_, &touched_);
    FlattenCollected(&event.fields);

    event.ordinals.assign(clock_probes_.size(), Ordinal{});
    for (uint32_t clock = 0; clock < clock_probes_.size(); ++clock) {
        ClockFailure failure = ReadClock(clock, parsed, &event.ordinals[clock]);
        if (clock == 0 && options_.require_timestamp && !failure.reason.empty()) {
            Fail(outcome, failure.reason, std::move(failure.message));
            return;
        }
    }
    event.line = record.line;
    event.routed = false;
    event.passes.clear();
    FillSource(record, &event.source);
    if (filter_ != nullptr && !filter_->Keep(event)) {
        outcome->filtered = true;
        return;
    }
    if (park != nullptr) {
        ParkScratch(park, outcome);
    } else {
        KeepScratch(outcome);
    }
}

// Moves the values the walk found into `fields`, in slot order, and empties the lists they
// came from. The fields end after the last slot with a value.
void RecordParser::FlattenCollected(EventFields* fields) {
    fields->Clear();
    std::sort(touched_.begin(), touched_.end());
    for (uint32_t slot : touched_) {
        FieldValues& values = collected_[slot];
        fields->Append(slot, values);
        values.clear();
    }
    touched_.clear();
}

// Moves the scratch event into the outcome. Its fields move into arrays of just their size,
// so an event held for ordering costs no more than its values.
void RecordParser::KeepScratch(RecordOutcome* outcome) {
    auto event = std::make_shared<Event>();
    event->line = scratch_.line;
    event->ordinals = scratch_.ordinals;
    event->routed = scratch_.routed;
    event->passes.swap(scratch_.passes);
    event->source.swap(scratch_.source);
    event->fields = scratch_.fields.TakeCompact();
    outcome->event = std::move(event);
}

// Swaps the scratch event's contents with *park's, so the scratch event takes on the buffers
// *park had. The members that HandleText does not set (file, input_order) are left alone.
void RecordParser::ParkScratch(Event* park, RecordOutcome* outcome) {
    park->line = scratch_.line;
    park->routed = scratch_.routed;
    park->source.swap(scratch_.source);
    std::swap(park->fields, scratch_.fields);
    park->ordinals.swap(scratch_.ordinals);
    park->passes.swap(scratch_.passes);
    outcome->parked = park;
}

std::shared_ptr<Event> RecordParser::Unpark(const Event& parked) {
    return std::make_shared<Event>(parked);
}

// Parses the record in place. On failure, reports the skip and returns false. *parsed is the
// text that was parsed: the record's, or a copy with too-large integers rewritten.
bool RecordParser::Parse(const Record& record, dom::element* root, std::string_view* parsed,
                         RecordOutcome* outcome) {
    *parsed = record.text;
    simdjson::error_code error = parser_.parse(record.text.data(), record.text.size(), false).get(*root);
    if (error == simdjson::NUMBER_ERROR) {
        NumberScan scan = ScanNumbers(record.text);
        if (scan.problem == NumberScan::Problem::kMalformed) {
            Fail(outcome, skip_reason::kInvalidJson,
                 fmt::format("not valid JSON: invalid number '{}'",
                             ShowNumberToken(scan.token)));
            return false;
        }
        if (scan.problem == NumberScan::Problem::kOutOfRange) {
            Fail(outcome, skip_reason::kNumberOutOfRange,
                 fmt::format("number {} is out of range", ShowNumberToken(scan.token)));
            return false;
        }
        if (!scan.big_integer_ends.empty()) {
            size_t length = RewriteBigIntegers(record.text, scan.big_integer_ends,
                                                       kRecordPadding, &rewritten_);
            *parsed = std::string_view(rewritten_.data(), length);
            error = parser_.parse(parsed->data(), parsed->size(), false).get(*root);
        }
    }
    if (error != simdjson::SUCCESS) {
        SkipParseError(record, error, outcome);
        return false;
    }
    return true;
}

void RecordParser::SkipParseError(const Record& record, simdjson::error_code error,
                                  RecordOutcome* outcome) {
    const char* noun = record.array_element ? "array element" : "line";
    if (error == simdjson::UTF8_ERROR) {
        size_t offset = FindInvalidUtf8(record.text);
        Fail(outcome, skip_reason::kInvalidUtf8,
             fmt::format("invalid UTF-8 at byte {} of the {}", offset + 1, noun));
    } else if (record.text.substr(0, 3) == "\xEF\xBB\xBF") {
        Fail(outcome, skip_reason::kInvalidJson,
             fmt::format("not valid JSON: a byte-order mark starts the {}, but only the start of "
                         "the input may have one",
                         noun));
    } else if (error == simdjson::DEPTH_ERROR) {
        Fail(outcome, skip_reason::kTooDeep,
             fmt::format("JSON nesting is deeper than the limit of {} levels", options_.max_depth));
    } else {
        Fail(outcome, skip_reason::kInvalidJson,
             "not valid JSON: " + DescribeJsonError(simdjson::error_message(error)));
    }
}

RecordParser::ClockFailure RecordParser::ReadClock(uint32_t clock, std::string_view parsed,
                                          Ordinal* ordinal) {
    const ClockProbes& probes = clock_probes_[clock];
    if (probes.tiebreaker != kNoProbe && probes_.found[probes.tiebreaker]) {
        ordinal->has_tiebreaker =
            ToValue(probes_.values[probes.tiebreaker], &ordinal->tiebreaker);
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

RecordParser::ClockFailure RecordParser::ReadTimestamp(uint32_t probe, std::string_view parsed,
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
            if (FindFirstValueText(exact_parser_, parsed, probe_paths_[probe], &token)) {
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

void RecordParser::FillSource(const Record& record, std::string* source) {
    if (!record.multiline) {
        source->assign(record.text);
        return;
    }
    minified_.resize(record.text.size() + kRecordPadding);
    size_t length = 0;
    if (simdjson::minify(record.text.data(), record.text.size(), minified_.data(), length) !=
        simdjson::SUCCESS) {
        source->assign(record.text);
        return;
    }
    source->assign(minified_.data(), length);
}

}  // namespace eql::detail
