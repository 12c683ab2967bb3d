// One record to one Event: the parsing half of the event reader, with everything it reuses
// between records (simdjson parsers, the field trie, scratch buffers). The reader keeps one
// per thread that parses; a RecordParser itself is not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "engine/io/event.hpp"
#include "engine/io/event_reader.hpp"
#include "engine/io/field_path.hpp"
#include "engine/io/line_prefilter.hpp"
#include "engine/io/record_splitter.hpp"

namespace eql::detail {

// What one record became: an event, or a skip with its reason and message.
struct RecordOutcome {
    std::shared_ptr<Event> event;  // set for an event; file and input_order are left unset
    Event* parked = nullptr;       // instead of `event`: the Event that Handle was given
    bool filtered = false;         // an event that the filter dropped
    std::string_view reason;       // otherwise one of skip_reason
    std::string message;           // empty for kPrefiltered
    uint64_t line = 0;             // the record's first line
};

class RecordParser {
public:
    RecordParser(const EventLayout& layout, const ReadOptions& options);
    RecordParser(const RecordParser&) = delete;
    RecordParser& operator=(const RecordParser&) = delete;

    const EventLayout& layout() const { return layout_; }
    const ReadOptions& options() const { return options_; }

    // Picks up fields and clocks the layout gained since the last call.
    void SyncLayout();

    // Turns a record of any kind into `outcome`. `source` distinguishes gzip breaks. With
    // `park` set, an event is swapped into *park (whose buffers the parser reuses in turn)
    // and outcome->parked points to it, so that the event is not allocated on this thread.
    void Handle(const Record& record, const ByteSource& source, RecordOutcome* outcome,
                Event* park = nullptr);

    // Returns a new event with a copy of a parked one, its arrays just large enough. The
    // parse threads park events and the delivering thread unparks them, so each kept event
    // is allocated on the thread that frees it, which spares malloc's cross-thread frees.
    static std::shared_ptr<Event> Unpark(const Event& parked);

private:
    struct ClockProbes {
        uint32_t timestamp = UINT32_MAX;
        uint32_t fallback = UINT32_MAX;
        uint32_t tiebreaker = UINT32_MAX;
    };
    // The skip reason and message for a clock without a timestamp.
    struct ClockFailure {
        std::string_view reason;  // empty: the clock has its timestamp
        std::string message;
    };

    uint32_t ProbeFor(const std::string& path);
    void HandleText(const Record& record, RecordOutcome* outcome, Event* park);
    bool Parse(const Record& record, simdjson::dom::element* root, std::string_view* parsed,
               RecordOutcome* outcome);
    void SkipParseError(const Record& record, simdjson::error_code error,
                        RecordOutcome* outcome);
    ClockFailure ReadClock(uint32_t clock, std::string_view parsed, Ordinal* ordinal);
    ClockFailure ReadTimestamp(uint32_t probe, std::string_view parsed, int64_t* nanos);
    // Sets `source` to the record's text for Event::source: a multi-line array element is
    // minified, so that every source fits on one output line.
    void FillSource(const Record& record, std::string* source);
    void FlattenCollected(EventFields* fields);
    void KeepScratch(RecordOutcome* outcome);
    void ParkScratch(Event* park, RecordOutcome* outcome);

    const EventLayout& layout_;
    ReadOptions options_;
    std::unique_ptr<LinePrefilter> prefilter_;  // this thread's copy; null when inactive
    std::unique_ptr<EventFilter> filter_;       // null without ReadOptions::make_filter
    Event scratch_;  // the event being filled, reused while the filter drops events
    std::vector<FieldValues> collected_;  // by slot, the values the walk found; reused
    std::vector<uint32_t> touched_;       // the slots of collected_ that hold values
    size_t synced_fields_ = SIZE_MAX;
    size_t synced_clocks_ = SIZE_MAX;
    FieldTrie trie_;
    std::vector<std::string> probe_paths_;
    std::vector<ClockProbes> clock_probes_;
    ProbeValues probes_;

    simdjson::dom::parser parser_;
    simdjson::ondemand::parser exact_parser_;
    std::string rewritten_;  // a record with too-large integers rewritten as doubles
    std::string minified_;
};

}  // namespace eql::detail
