// Tests that read real captures and the Elasticsearch QA data files from EQLITE_SHARED_DIR,
// checking event and skip counts. Each test skips with a message when its files are absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/io/read_helpers.hpp"

namespace {

using eql::testing::LayoutWith;
using eql::testing::ReadResult;
using eql::testing::SkippedTotal;

// Returns the path of `relative` under the shared folder, or "" (with a message) when the
// file is absent.
std::string SharedFile(const std::string& relative) {
    std::string path = std::string(EQLITE_SHARED_DIR) + "/" + relative;
    if (!std::filesystem::exists(path)) {
        MESSAGE("skipped: " << path << " is absent");
        return "";
    }
    return path;
}

struct CountRow {
    const char* file;
    uint64_t lines;
    uint64_t events;
};

void CheckCounts(const CountRow& row, eql::ReadOptions options = {}) {
    CAPTURE(row.file);
    std::string path = SharedFile(row.file);
    if (path.empty()) {
        return;
    }
    ReadResult result = eql::testing::ReadPath(LayoutWith({"event.category"}), path, options);
    CHECK(result.ok);
    CHECK(result.stats.lines == row.lines);
    CHECK(result.stats.events == row.events);
    CHECK(result.stats.lines == result.stats.events + SkippedTotal(result.stats));
}

}  // namespace

TEST_SUITE("corpus") {

TEST_CASE("elastic captures read with their expected counts") {
    const CountRow rows[] = {
        {"corpus/seed-rule-pair/endpoint.ndjson", 1, 1},
        {"corpus/seed-rule-pair/fortigate.ndjson", 1, 1},
        {"corpus/elastic-endpoint-package/sample_events.ndjson", 9, 9},
        {"corpus/elastic-endpoint-package/schema_examples_v1.ndjson", 28, 28},
        {"corpus/elastic-integrations-fortinet_fortigate/sample_event.ndjson", 1, 1},
        {"corpus/elastic-integrations-fortinet_fortigate/test-fortinet-7-2.log-expected.ndjson",
         7, 7},
        {"corpus/elastic-integrations-fortinet_fortigate/test-fortinet.log-expected.ndjson", 56,
         52},
    };
    for (const CountRow& row : rows) {
        CheckCounts(row);
    }
}

TEST_CASE("fortigate events without a timestamp are the four skips") {
    std::string path = SharedFile(
        "corpus/elastic-integrations-fortinet_fortigate/test-fortinet.log-expected.ndjson");
    if (path.empty()) {
        return;
    }
    ReadResult result = eql::testing::ReadPath(LayoutWith({}), path);
    REQUIRE(result.skips.size() == 4);
    const uint64_t lines[] = {47, 48, 52, 53};
    for (size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(result.skips[i].line == lines[i]);
        CHECK(result.skips[i].reason == "missing-timestamp");
        CHECK(result.skips[i].message == "missing timestamp field '@timestamp'");
    }

    eql::ReadOptions options;
    options.require_timestamp = false;
    ReadResult kept = eql::testing::ReadPath(LayoutWith({}), path, options);
    CHECK(kept.stats.events == 56);
}

TEST_CASE("the seed pair is 29.6007809 seconds apart") {
    std::string endpoint = SharedFile("corpus/seed-rule-pair/endpoint.ndjson");
    std::string fortigate = SharedFile("corpus/seed-rule-pair/fortigate.ndjson");
    if (endpoint.empty() || fortigate.empty()) {
        return;
    }
    ReadResult defend = eql::testing::ReadPath(LayoutWith({"source.port"}), endpoint);
    ReadResult firewall = eql::testing::ReadPath(LayoutWith({"source.port"}), fortigate);
    REQUIRE(defend.events.size() == 1);
    REQUIRE(firewall.events.size() == 1);
    CHECK(defend.events[0]->ordinals[0].timestamp_ns == 1649098320600780900);
    CHECK(firewall.events[0]->ordinals[0].timestamp_ns == 1649098291000000000);
    CHECK(defend.events[0]->ordinals[0].timestamp_ns -
              firewall.events[0]->ordinals[0].timestamp_ns ==
          29600780900);
    CHECK(std::holds_alternative<int64_t>(firewall.events[0]->fields[0].at(0)));
}

TEST_CASE("zeek dotted keys and sysmon gzip captures read whole") {
    eql::ReadOptions no_timestamp;
    no_timestamp.require_timestamp = false;
    CheckCounts({"corpus/otrf-security-datasets/LSASS_campaign_01/zeek/conn.ndjson", 112, 112},
                no_timestamp);
    CheckCounts({"corpus/otrf-security-datasets/LSASS_campaign_01/host.ndjson.gz", 53698, 53698});

    std::string conn = SharedFile("corpus/otrf-security-datasets/LSASS_campaign_01/zeek/conn.ndjson");
    if (conn.empty()) {
        return;
    }
    ReadResult result = eql::testing::ReadPath(LayoutWith({"id.orig_p", "id.orig_h"}), conn,
                                               no_timestamp);
    REQUIRE_FALSE(result.events.empty());
    CHECK(std::get<int64_t>(result.events[0]->fields[0].at(0)) == 52605);
    CHECK(std::get<std::string>(result.events[0]->fields[1].at(0)) == "192.168.1.41");
}

TEST_CASE("QA data files read as JSON arrays with comments") {
    CheckCounts({"conformance/elasticsearch/data/missing-events.data", 48, 48});
    CheckCounts({"conformance/elasticsearch/data/extra.data", 23, 23});
    CheckCounts({"conformance/elasticsearch/data/sampling1.data", 10, 10});

    eql::ReadOptions no_timestamp;
    no_timestamp.require_timestamp = false;
    CheckCounts({"conformance/elasticsearch/data/sample1.data", 10, 10}, no_timestamp);
    CheckCounts({"conformance/elasticsearch/data/sample-multi.data", 10, 10}, no_timestamp);
    CheckCounts({"conformance/elasticsearch/test_data.json", 102, 102}, no_timestamp);
    CheckCounts({"conformance/elasticsearch/data/sample1.data", 10, 0});
}

}  // TEST_SUITE
