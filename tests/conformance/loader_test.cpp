// Checks of the conformance runner's loaders: spec parsing, the spec counts of every current
// suite file, the data sets with their timestamp conversions, and the skip decisions.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "tests/conformance/dataset.hpp"
#include "tests/conformance/mapping.hpp"
#include "tests/conformance/run.hpp"
#include "tests/conformance/suite.hpp"

namespace eql::conformance {
namespace {

const std::filesystem::path kSuiteDir =
    std::filesystem::path(EQLITE_SHARED_DIR) / "conformance" / "elasticsearch";

bool SuitePresent() {
    if (std::filesystem::is_directory(kSuiteDir)) {
        return true;
    }
    MESSAGE("skipped: the QA suite folder " << kSuiteDir.string() << " does not exist");
    return false;
}

const Spec* FindSpec(const SpecFile& file, std::string_view name) {
    for (const Spec& spec : file.specs) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

// Returns the converted event whose `id_field` is `id`, or null.
nlohmann::json FindEvent(const IndexData& index, const char* id_field, int64_t id) {
    size_t begin = 0;
    while (begin < index.ndjson.size()) {
        size_t end = index.ndjson.find('\n', begin);
        nlohmann::json event = nlohmann::json::parse(index.ndjson.substr(begin, end - begin));
        if (event[id_field] == id) {
            return event;
        }
        begin = end + 1;
    }
    return nullptr;
}

// Returns the clock-0 timestamp of the event with serial_event_id `id`, or -1.
int64_t ReadTimestampNanos(const char* dataset_name, int64_t id) {
    Dataset dataset = BuildDataset(*FindDataset(dataset_name), kSuiteDir);
    EventLayout layout;
    layout.AddClock(ClockSpec{"@timestamp", "", ""});
    for (const EventPtr& event : ReadDataset(dataset, layout).events) {
        nlohmann::json source = nlohmann::json::parse(event->source);
        if (source["serial_event_id"] == id && event->ordinals[0].has_timestamp) {
            return event->ordinals[0].timestamp_ns;
        }
    }
    return -1;
}

}  // namespace

TEST_SUITE("conformance loader") {

TEST_CASE("bare nulls quoted outside strings") {
    CHECK(QuoteBareNulls("join_keys = [null, \"a\",\n  null]") ==
          "join_keys = [\"null\", \"a\",\n  \"null\"]");
    CHECK(QuoteBareNulls("x = null") == "x = \"null\"");
    CHECK(QuoteBareNulls("q = '''a == null'''") == "q = '''a == null'''");
    CHECK(QuoteBareNulls("q = \"b \\\" null\"") == "q = \"b \\\" null\"");
    CHECK(QuoteBareNulls("k = [1] # null") == "k = [1] # null");
    CHECK(QuoteBareNulls("k = [nullable]") == "k = [nullable]");
}

TEST_CASE("trim strips both ends") {
    CHECK(Trim("\n  process where true \t\n") == "process where true");
    CHECK(Trim("") == "");
}

TEST_CASE("spec tables read optional keys") {
    SpecFile file = ParseSpecText("t.toml", R"(
[[queries]]
name = " flat "
query = '''
  process where true
'''
expected_event_ids = [1, 2]
join_keys = [null, "x"]
size = 0

[[queries]]
name = "alternatives"
query = 'sample by a [x where true] [y where true]'
expected_event_ids = [[1, 2], [3, 4]]
max_samples_per_key = 2
expect_shard_failures = true

[[queries]]
name = "no ids"
query = 'process where true'
)");
    REQUIRE(file.specs.size() == 2);
    REQUIRE(file.errors.size() == 1);
    CHECK(file.errors[0] == "t.toml:18: missing array 'expected_event_ids'");

    const Spec& flat = file.specs[0];
    CHECK(flat.name == "flat");
    CHECK(flat.query == "process where true");
    CHECK(flat.line == 2);
    CHECK(flat.expected_ids == std::vector<std::vector<int64_t>>{{1, 2}});
    CHECK(flat.join_keys == std::vector<std::string>{"null", "x"});
    CHECK(flat.size == 0);
    CHECK_FALSE(flat.max_samples_per_key.has_value());

    const Spec& alternatives = file.specs[1];
    CHECK(alternatives.expected_ids == std::vector<std::vector<int64_t>>{{1, 2}, {3, 4}});
    CHECK(alternatives.max_samples_per_key == 2);
    CHECK(alternatives.expect_shard_failures == true);
    CHECK(alternatives.join_keys.empty());
}

TEST_CASE("empty id list is one alternative") {
    SpecFile file = ParseSpecText("t.toml", "[[queries]]\nname = 'a'\nquery = 'b'\n"
                                            "expected_event_ids = []\n");
    REQUIRE(file.specs.size() == 1);
    CHECK(file.specs[0].expected_ids == std::vector<std::vector<int64_t>>{{}});
}

TEST_CASE("current files load every active spec") {
    if (!SuitePresent()) {
        return;
    }
    const std::map<std::string, size_t> expected = {
        {"test_queries.toml", 133},         {"additional_test_queries.toml", 61},
        {"test_queries_date.toml", 4},      {"test_queries_date_nanos.toml", 3},
        {"test_extra.toml", 40},            {"test_missing_events.toml", 26},
        {"test_sample.toml", 25},           {"test_sample_multi.toml", 9},
        {"test_failing_shards.toml", 19},
    };
    std::map<std::string, size_t> loaded;
    for (const SuiteDefinition& suite : CurrentSuites()) {
        for (const std::string& name : suite.files) {
            SpecFile file = LoadSpecFile(kSuiteDir / name);
            CAPTURE(name);
            CHECK(file.errors.empty());
            loaded[name] = file.specs.size();
        }
    }
    CHECK(loaded == expected);
}

TEST_CASE("test_extra bare nulls read as null") {
    if (!SuitePresent()) {
        return;
    }
    SpecFile file = LoadSpecFile(kSuiteDir / "test_extra.toml");
    const Spec* spec = FindSpec(file, "sequenceWithOptionalMultivalue_multiPlusOptional");
    REQUIRE(spec != nullptr);
    CHECK(spec->join_keys == std::vector<std::string>{"tag1", "null"});
}

TEST_CASE("only shard-dropped sequences are skipped") {
    if (!SuitePresent()) {
        return;
    }
    SpecFile file = LoadSpecFile(kSuiteDir / "test_failing_shards.toml");
    std::vector<std::string> skipped;
    for (const Spec& spec : file.specs) {
        if (SkipReason(spec, "endgame-140,endgame-shard-failures")) {
            skipped.push_back(spec.name);
        }
    }
    CHECK(skipped == std::vector<std::string>{"sequenceQueryMissingShards",
                                              "sequenceQueryMissingShardsTrue"});
}

TEST_CASE("500ms maxspan spec skipped on nanos only") {
    if (!SuitePresent()) {
        return;
    }
    SpecFile file = LoadSpecFile(kSuiteDir / "test_queries.toml");
    std::vector<std::string> skipped_on_nanos;
    for (const Spec& spec : file.specs) {
        CHECK(!SkipReason(spec, "endgame-140"));
        if (SkipReason(spec, "endgame-140-nanos")) {
            skipped_on_nanos.push_back(spec.name);
        }
    }
    CHECK(skipped_on_nanos == std::vector<std::string>{"sequencesOnDifferentEventTypes7"});

    Spec corrected = *FindSpec(file, "sequencesOnDifferentEventTypes7");
    corrected.query.replace(corrected.query.find("500ms"), 5, "50ms");
    CHECK(!SkipReason(corrected, "endgame-140-nanos"));

    // The 50ms text, which Elasticsearch runs on that index, passes there.
    Dataset nanos = BuildDataset(*FindDataset("endgame-140-nanos"), kSuiteDir);
    REQUIRE(nanos.errors.empty());
    RunContext context{&nanos, "serial_event_id", "serial_event_id"};
    SpecResult result = RunSpec(corrected, context);
    CHECK(result.outcome == Outcome::kPassed);
    CHECK(result.detail == "expected [], actual []");
}

TEST_CASE("data sets build every event") {
    if (!SuitePresent()) {
        return;
    }
    const std::map<std::string, size_t> expected = {
        {"endgame-140", 102}, {"endgame-140-nanos", 102}, {"endgame-shard-failures", 1},
        {"extra", 23},        {"missing-events", 48},     {"sample1", 10},
        {"sample2", 9},       {"sample3", 9},             {"sample-multi", 10},
    };
    std::map<std::string, size_t> built;
    for (const DatasetDefinition& definition : CurrentDatasets()) {
        Dataset dataset = BuildDataset(definition, kSuiteDir);
        CAPTURE(definition.name);
        CHECK(dataset.errors.empty());
        CHECK(dataset.schema != nullptr);
        for (const IndexData& index : dataset.indices) {
            built[index.name] = index.event_count;
        }
    }
    CHECK(built == expected);
}

TEST_CASE("reader reads every event back") {
    if (!SuitePresent()) {
        return;
    }
    const std::map<std::string, size_t> expected = {
        {"endgame-140", 102},
        {"endgame-140-nanos", 102},
        {"extra", 23},
        {"missing-events", 48},
        {"sample1,sample2,sample3", 28},
        {"sample-multi", 10},
        {"endgame-140,endgame-shard-failures", 103},
    };
    std::map<std::string, size_t> read;
    for (const DatasetDefinition& definition : CurrentDatasets()) {
        Dataset dataset = BuildDataset(definition, kSuiteDir);
        EventLayout layout;
        layout.AddClock(ClockSpec{"@timestamp", "", ""});
        EventList list = ReadDataset(dataset, layout);
        CAPTURE(definition.name);
        CHECK(list.skipped.empty());
        read[definition.name] = list.events.size();
    }
    CHECK(read == expected);
}

TEST_CASE("reader keeps converted timestamps exact") {
    if (!SuitePresent()) {
        return;
    }
    CHECK(ReadTimestampNanos("endgame-140", 53) == 1506463829420'000'000);
    CHECK(ReadTimestampNanos("endgame-140-nanos", 53) == 131509374294209140);
    CHECK(ReadTimestampNanos("endgame-140-nanos", 18) == 131485996530000000);
}

TEST_CASE("FILETIME timestamps convert to epoch millis") {
    if (!SuitePresent()) {
        return;
    }
    Dataset dataset = BuildDataset(*FindDataset("endgame-140"), kSuiteDir);
    REQUIRE(dataset.indices.size() == 1);
    nlohmann::json event = FindEvent(dataset.indices[0], "serial_event_id", 18);
    CHECK(event["@timestamp"] == 1504126053000);
    CHECK(event["timestamp"] == 131485996530000000);
    event = FindEvent(dataset.indices[0], "serial_event_id", 53);
    CHECK(event["@timestamp"] == 1506463829420);
}

TEST_CASE("FILETIME as nanos gives fractional millis") {
    if (!SuitePresent()) {
        return;
    }
    Dataset dataset = BuildDataset(*FindDataset("endgame-140-nanos"), kSuiteDir);
    REQUIRE(dataset.indices.size() == 1);
    nlohmann::json event = FindEvent(dataset.indices[0], "serial_event_id", 18);
    CHECK(event["@timestamp"] == "131485996530");
    CHECK(event["timestamp"] == 131485996530);
    event = FindEvent(dataset.indices[0], "serial_event_id", 53);
    CHECK(event["@timestamp"] == "131509374294.209140");
    CHECK(event["timestamp"] == 131509374294);
}

TEST_CASE("schema types unmapped fields and aliases") {
    if (!SuitePresent()) {
        return;
    }
    Dataset dataset = BuildDataset(*FindDataset("endgame-140"), kSuiteDir);
    REQUIRE(dataset.schema != nullptr);
    CHECK(dataset.schema->Lookup("unique_pid") == FieldType::kLong);
    CHECK(dataset.schema->Lookup("event_subtype_full") == FieldType::kKeyword);
    CHECK(dataset.schema->Lookup("mysterious_field.subarray.c.x.y") == FieldType::kKeyword);
    CHECK(dataset.schema->Lookup("source_address") == FieldType::kIp);
    CHECK(dataset.schema->ResolveAlias("event.category") == "event_type");
    CHECK(dataset.schema->Lookup("event.category") == FieldType::kKeyword);
}

TEST_CASE("schema knows second index runtime field") {
    if (!SuitePresent()) {
        return;
    }
    Dataset dataset = BuildDataset(*FindDataset("endgame-140,endgame-shard-failures"),
                                   kSuiteDir);
    REQUIRE(dataset.schema != nullptr);
    CHECK(dataset.schema->Lookup("broken") == FieldType::kLong);
}

TEST_CASE("dotted keys map as object paths") {
    nlohmann::ordered_json mapping = {{"properties", nlohmann::ordered_json::object()}};
    nlohmann::ordered_json document = nlohmann::ordered_json::parse(
        R"({"process.pid": 5, "tags": [null, "a"], "at": "2022-05-04"})");
    AddDynamicFields(mapping, document);
    CHECK(mapping.dump() ==
          R"({"properties":{"process":{"properties":{"pid":{"type":"long"}}},)"
          R"("tags":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},)"
          R"("at":{"type":"date"}}})");
}

TEST_CASE("join key values as text") {
    CHECK(JoinKeyText(Value{}) == "null");
    CHECK(JoinKeyText(Value{true}) == "true");
    CHECK(JoinKeyText(Value{int64_t{1235}}) == "1235");
    CHECK(JoinKeyText(Value{2.0}) == "2.0");
    CHECK(JoinKeyText(Value{2.5}) == "2.5");
    CHECK(JoinKeyText(Value{std::string("doom")}) == "doom");
}

TEST_CASE("queries print on one line") {
    CHECK(OneLine("\n  sequence\n    [a where true]\t by x\n") ==
          "sequence [a where true] by x");
}

}  // TEST_SUITE

}  // namespace eql::conformance
