// The indices of the QA suite, built the way the Elasticsearch harness loads them: the events
// as NDJSON text after the timestamp conversions, and field types from the mappings plus the
// fields Elasticsearch maps dynamically.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check/schema.hpp"
#include "engine/io/event.hpp"

namespace eql::conformance {

enum class TimestampConversion {
    kNone,
    // `timestamp` is a Windows FILETIME, and `@timestamp` gets its Unix epoch milliseconds.
    kFiletimeToMillis,
    // `timestamp` is read as nanoseconds since the Unix epoch: `@timestamp` gets the string
    // "<millis>.<fraction>" and `timestamp` the whole milliseconds.
    kFiletimeAsNanos,
};

struct IndexDefinition {
    std::string name;          // index name, e.g. "endgame-140"
    std::string data_file;     // JSON array of events, relative to the suite folder
    std::string mapping_file;  // relative to the suite folder
    TimestampConversion conversion = TimestampConversion::kNone;
};

// Indices queried together, named as in the request ("sample1,sample2,sample3").
struct DatasetDefinition {
    std::string name;
    std::vector<IndexDefinition> indices;
    bool require_timestamp = true;  // false for sample indices, whose events have none
};

const std::vector<DatasetDefinition>& CurrentDatasets();

// Returns the definition named `name`, or null.
const DatasetDefinition* FindDataset(std::string_view name);

struct IndexData {
    std::string name;
    std::string ndjson;        // one event a line
    size_t event_count = 0;
    std::string mapping_json;  // the effective mapping: declared plus dynamic fields
};

struct Dataset {
    std::string name;
    bool require_timestamp = true;
    std::vector<IndexData> indices;
    std::shared_ptr<const Schema> schema;  // over every index, null when a mapping failed
    // The `format` of each date field, "" for the default; the first index that maps it wins.
    std::map<std::string, std::string> date_formats;
    std::vector<std::string> errors;  // files that could not be read, parsed or converted
};

// Builds the data set from the files under `suite_dir`.
Dataset BuildDataset(const DatasetDefinition& definition, const std::filesystem::path& suite_dir);

// The events of a data set read with one layout, in the order of the data files.
struct EventList {
    std::vector<EventPtr> events;
    std::vector<std::string> skipped;  // "INDEX:LINE: message (reason)" per skipped event
};

// Reads every index of `dataset` with `layout`, each under its index name.
EventList ReadDataset(const Dataset& dataset, const EventLayout& layout);

}  // namespace eql::conformance
