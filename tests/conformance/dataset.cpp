// The QA suite's indices: which data and mapping files make each one, the timestamp
// conversions of the Elasticsearch harness, and reading the events back through the public
// event reader. Entry points: CurrentDatasets, BuildDataset, ReadDataset.
#include "tests/conformance/dataset.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/io/event_reader.hpp"
#include "tests/conformance/doc_values.hpp"
#include "tests/conformance/mapping.hpp"

namespace eql::conformance {

using nlohmann::ordered_json;

const std::vector<DatasetDefinition>& CurrentDatasets() {
    using enum TimestampConversion;
    // The endgame-140 events come from test_data.json: the harness's own endgame-140.data holds
    // the same 102 records.
    static const IndexDefinition endgame = {"endgame-140", "test_data.json",
                                            "data/endgame-140.mapping", kFiletimeToMillis};
    static const IndexDefinition nanos = {"endgame-140-nanos", "test_data.json",
                                          "data/endgame-140-nanos.mapping", kFiletimeAsNanos};
    static const IndexDefinition shard_failures = {
        "endgame-shard-failures", "data/endgame-shard-failures.data",
        "data/endgame-shard-failures.mapping", kFiletimeToMillis};
    static const std::vector<DatasetDefinition> datasets = {
        {"endgame-140", {endgame}, true},
        {"endgame-140-nanos", {nanos}, true},
        {"extra", {{"extra", "data/extra.data", "data/extra.mapping", kNone}}, true},
        {"missing-events",
         {{"missing-events", "data/missing-events.data", "data/missing-events.mapping", kNone}},
         true},
        {"sample1,sample2,sample3",
         {{"sample1", "data/sample1.data", "data/sample1.mapping", kNone},
          {"sample2", "data/sample2.data", "data/sample2.mapping", kNone},
          {"sample3", "data/sample3.data", "data/sample3.mapping", kNone}},
         false},
        {"sample-multi",
         {{"sample-multi", "data/sample-multi.data", "data/sample-multi.mapping", kNone}},
         false},
        {"endgame-140,endgame-shard-failures", {endgame, shard_failures}, true},
    };
    return datasets;
}

const DatasetDefinition* FindDataset(std::string_view name) {
    for (const DatasetDefinition& definition : CurrentDatasets()) {
        if (definition.name == name) {
            return &definition;
        }
    }
    return nullptr;
}

namespace {

constexpr int64_t kFiletimeTicksPerMilli = 10'000;
constexpr int64_t kFiletimeEpochOffsetMillis = 11'644'473'600'000;  // 1601-01-01 to 1970-01-01

bool ReadFile(const std::filesystem::path& path, std::string& text) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        return false;
    }
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    text = buffer.str();
    return true;
}

// Applies `conversion` to one event. Returns an error message, empty on success.
std::string ConvertTimestamp(ordered_json& event, TimestampConversion conversion) {
    if (conversion == TimestampConversion::kNone) {
        return {};
    }
    if (!event.is_object() || !event.contains("timestamp") ||
        !event["timestamp"].is_number_integer()) {
        return "event has no integer 'timestamp'";
    }
    int64_t ticks = event["timestamp"].get<int64_t>();
    if (conversion == TimestampConversion::kFiletimeToMillis) {
        event["@timestamp"] = ticks / kFiletimeTicksPerMilli - kFiletimeEpochOffsetMillis;
        return {};
    }

    // The digits of the value split at the millisecond, so no floating point is involved.
    std::string digits = std::to_string(ticks);
    if (digits.size() <= 12) {
        return fmt::format("timestamp {} has 12 digits or fewer", digits);
    }
    std::string millis = digits.substr(0, 12);
    std::string fraction = digits.substr(12);
    event["@timestamp"] = fraction == "000000" ? millis : millis + "." + fraction;
    event["timestamp"] = ticks / 1'000'000;
    return {};
}

// Parses a data file (a JSON array that may hold `//` comments) and converts its events.
bool BuildIndexEvents(const IndexDefinition& index, const std::string& text, IndexData& data,
                      ordered_json& mapping, std::vector<std::string>& errors) {
    ordered_json events;
    try {
        events = ordered_json::parse(text, nullptr, true, true);
    } catch (const ordered_json::parse_error& error) {
        errors.push_back(fmt::format("{}: invalid JSON: {}", index.data_file, error.what()));
        return false;
    }
    if (!events.is_array()) {
        errors.push_back(fmt::format("{}: not a JSON array", index.data_file));
        return false;
    }
    for (size_t i = 0; i < events.size(); ++i) {
        std::string error = ConvertTimestamp(events[i], index.conversion);
        if (!error.empty()) {
            errors.push_back(fmt::format("{}: event {}: {}", index.data_file, i + 1, error));
            return false;
        }
        AddDynamicFields(mapping, events[i]);
        IndexDocumentValues(events[i], mapping);
        data.ndjson += events[i].dump();
        data.ndjson += '\n';
        ++data.event_count;
    }
    return true;
}

bool BuildIndex(const IndexDefinition& index, const std::filesystem::path& suite_dir,
                IndexData& data, std::vector<std::string>& errors) {
    data.name = index.name;
    std::string data_text;
    std::string mapping_text;
    if (!ReadFile(suite_dir / index.data_file, data_text)) {
        errors.push_back(fmt::format("cannot read {}", (suite_dir / index.data_file).string()));
        return false;
    }
    if (!ReadFile(suite_dir / index.mapping_file, mapping_text)) {
        errors.push_back(fmt::format("cannot read {}", (suite_dir / index.mapping_file).string()));
        return false;
    }

    ordered_json mapping;
    try {
        mapping = ordered_json::parse(CleanMappingText(mapping_text));
    } catch (const ordered_json::parse_error& error) {
        errors.push_back(fmt::format("{}: invalid JSON: {}", index.mapping_file, error.what()));
        return false;
    }
    if (!BuildIndexEvents(index, data_text, data, mapping, errors)) {
        return false;
    }
    data.mapping_json = mapping.dump(2);
    return true;
}

}  // namespace

Dataset BuildDataset(const DatasetDefinition& definition, const std::filesystem::path& suite_dir) {
    Dataset dataset;
    dataset.name = definition.name;
    dataset.require_timestamp = definition.require_timestamp;

    std::vector<std::shared_ptr<const Schema>> schemas;
    for (const IndexDefinition& index : definition.indices) {
        IndexData data;
        if (!BuildIndex(index, suite_dir, data, dataset.errors)) {
            continue;
        }
        std::shared_ptr<const Schema> schema =
            LoadMappingSchema(data.name, data.mapping_json, dataset.errors);
        if (schema) {
            schemas.push_back(std::move(schema));
        }
        dataset.date_formats.merge(DateFieldFormats(ordered_json::parse(data.mapping_json)));
        dataset.indices.push_back(std::move(data));
    }
    if (dataset.errors.empty()) {
        dataset.schema = std::make_shared<CombinedSchema>(std::move(schemas));
    }
    return dataset;
}

EventList ReadDataset(const Dataset& dataset, const EventLayout& layout) {
    ReadOptions options;
    options.require_timestamp = dataset.require_timestamp;
    EventReader reader(layout, options);

    EventList list;
    auto on_event = [&](EventPtr event) { list.events.push_back(std::move(event)); };
    auto on_skip = [&](const SkippedLine& skipped) {
        list.skipped.push_back(
            fmt::format("{}:{}: {} ({})", skipped.file, skipped.line, skipped.message,
                        skipped.reason));
    };
    for (const IndexData& index : dataset.indices) {
        reader.ReadText(index.name, index.ndjson, on_event, on_skip);
    }
    return list;
}

}  // namespace eql::conformance
