// eqlite-check-planted: recounts the matches of the FortiGate SOCKS rule (socks_sequence.eql)
// in a generated NDJSON file and compares them with the generator's FILE.expected.json.
// It shares no code with the generator: it parses every line with simdjson and runs the
// two-stage sequence state machine itself (one pending sequence per join key, the newer
// replacing the older, maxspan=1m inclusive, a Defend event before the FortiGate one never
// pairing). Events are taken in file order, so the file must be sorted by @timestamp; equal
// timestamps keep file order, as they do without a tiebreaker. Entry point: main.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <simdjson.h>
#include <nlohmann/json.hpp>

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kMaxspanNanos = 60 * kNanosPerSecond;

using JoinKey = std::tuple<int64_t, std::string, std::string>;
using LinePair = std::pair<uint64_t, uint64_t>;

// Returns days since 1970-01-01 for a proleptic Gregorian date (a plain day count, written
// independently of the generator's calendar code).
int64_t DaysSinceEpoch(int64_t year, int64_t month, int64_t day) {
    static constexpr int kDaysBeforeMonth[] = {0,   31,  59,  90,  120, 151,
                                               181, 212, 243, 273, 304, 334};
    auto leap = [](int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
    int64_t days = 0;
    for (int64_t y = 1970; y < year; ++y) {
        days += leap(y) ? 366 : 365;
    }
    days += kDaysBeforeMonth[month - 1] + (month > 2 && leap(year) ? 1 : 0);
    return days + day - 1;
}

// Parses "YYYY-MM-DDTHH:MM:SS[.fraction]Z" into nanoseconds since the epoch. Returns false for
// any other form, which the generator must never write.
bool ParseTimestamp(std::string_view text, int64_t& nanos, int& fraction_digits) {
    auto digits = [&](size_t at, size_t count, int64_t& value) {
        value = 0;
        for (size_t i = at; i < at + count; ++i) {
            if (i >= text.size() || text[i] < '0' || text[i] > '9') {
                return false;
            }
            value = value * 10 + (text[i] - '0');
        }
        return true;
    };
    int64_t year, month, day, hour, minute, second;
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || !digits(0, 4, year) || !digits(5, 2, month) ||
        !digits(8, 2, day) || !digits(11, 2, hour) || !digits(14, 2, minute) ||
        !digits(17, 2, second) || month < 1 || month > 12) {
        return false;
    }
    int64_t fraction = 0;
    size_t at = 19;
    fraction_digits = 0;
    if (text[at] == '.') {
        for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
            if (fraction_digits < 9) {
                fraction = fraction * 10 + (text[at] - '0');
            }
            ++fraction_digits;
        }
        for (int i = fraction_digits; i < 9; ++i) {
            fraction *= 10;
        }
    }
    if (at + 1 != text.size() || text[at] != 'Z') {
        return false;
    }
    int64_t seconds = DaysSinceEpoch(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    nanos = seconds * kNanosPerSecond + fraction;
    return true;
}

std::string_view StringAt(simdjson::dom::element document, std::string_view pointer) {
    std::string_view text;
    if (document.at_pointer(pointer).get_string().get(text) != simdjson::SUCCESS) {
        return {};
    }
    return text;
}

bool CategoryIsNetwork(simdjson::dom::element document) {
    simdjson::dom::element category;
    if (document.at_pointer("/event/category").get(category) != simdjson::SUCCESS) {
        return false;
    }
    if (category.is_string()) {
        return category.get_string().value() == "network";
    }
    simdjson::dom::array values;
    if (category.get_array().get(values) != simdjson::SUCCESS) {
        return false;
    }
    for (simdjson::dom::element value : values) {
        if (value.is_string() && value.get_string().value() == "network") {
            return true;
        }
    }
    return false;
}

bool FirstStage(simdjson::dom::element document) {
    std::string_view application = StringAt(document, "/network/application");
    return CategoryIsNetwork(document) &&
           StringAt(document, "/data_stream/dataset") == "fortinet_fortigate.log" &&
           StringAt(document, "/event/action") == "signature" &&
           (application == "SOCKS4" || application == "SOCKS5");
}

bool SecondStage(simdjson::dom::element document) {
    std::string_view action = StringAt(document, "/event/action");
    return CategoryIsNetwork(document) && StringAt(document, "/event/module") == "endpoint" &&
           (action == "disconnect_received" || action == "connection_attempted");
}

// Reads the join key; returns false when a key field is missing or null, which keeps the
// event out of the sequence.
bool ReadJoinKey(simdjson::dom::element document, JoinKey& key) {
    int64_t port = 0;
    std::string_view source, destination;
    if (document.at_pointer("/source/port").get_int64().get(port) != simdjson::SUCCESS ||
        document.at_pointer("/source/ip").get_string().get(source) != simdjson::SUCCESS ||
        document.at_pointer("/destination/ip").get_string().get(destination) != simdjson::SUCCESS) {
        return false;
    }
    key = {port, std::string(source), std::string(destination)};
    return true;
}

struct Pending {
    int64_t nanos;
    uint64_t line;
};

struct Tally {
    uint64_t lines = 0;
    uint64_t bytes = 0;
    uint64_t first_stage = 0;
    uint64_t second_stage = 0;
    uint64_t replaced = 0;
    uint64_t over_maxspan = 0;
    uint64_t equal_timestamps = 0;
    uint64_t problems = 0;
    std::set<LinePair> matches;
};

void Problem(Tally& tally, uint64_t line, const std::string& message) {
    if (++tally.problems <= 10) {
        std::fprintf(stderr, "eqlite-check-planted: line %llu: %s\n",
                     static_cast<unsigned long long>(line), message.c_str());
    }
}

// Checks one event's timestamps and feeds it to the sequence state machine. The last stage
// is tried first, so one event never both starts and completes a sequence.
void Step(simdjson::dom::element document, uint64_t line, int64_t& previous_nanos,
          std::map<JoinKey, Pending>& pending, Tally& tally) {
    int64_t nanos = 0, ingested = 0;
    int digits = 0, ingested_digits = 0;
    if (!ParseTimestamp(StringAt(document, "/@timestamp"), nanos, digits) || digits != 7) {
        Problem(tally, line, "@timestamp is not ISO-8601 UTC with 7 fractional digits");
        return;
    }
    if (!ParseTimestamp(StringAt(document, "/event/ingested"), ingested, ingested_digits) ||
        ingested <= nanos) {
        Problem(tally, line, "event.ingested is missing or not later than @timestamp");
    }
    if (nanos < previous_nanos) {
        Problem(tally, line, "@timestamp is earlier than the previous line's");
    }
    tally.equal_timestamps += nanos == previous_nanos ? 1 : 0;
    previous_nanos = nanos;

    JoinKey key;
    if (!ReadJoinKey(document, key)) {
        return;
    }
    if (SecondStage(document)) {
        ++tally.second_stage;
        auto found = pending.find(key);
        if (found != pending.end()) {
            if (nanos - found->second.nanos <= kMaxspanNanos) {
                tally.matches.insert({found->second.line, line});
            } else {
                ++tally.over_maxspan;
            }
            pending.erase(found);
        }
    }
    if (FirstStage(document)) {
        ++tally.first_stage;
        auto [slot, inserted] = pending.insert_or_assign(key, Pending{nanos, line});
        tally.replaced += inserted ? 0 : 1;
    }
}

bool ReadEvents(const char* path, Tally& tally) {
    std::ifstream input(path, std::ios::binary);
    if (!input) {
        std::fprintf(stderr, "eqlite-check-planted: failed to open %s\n", path);
        return false;
    }
    simdjson::dom::parser parser;
    std::map<JoinKey, Pending> pending;
    int64_t previous_nanos = INT64_MIN;
    std::string line;
    while (std::getline(input, line)) {
        ++tally.lines;
        tally.bytes += line.size() + 1;
        simdjson::dom::element document;
        if (parser.parse(line).get(document) != simdjson::SUCCESS) {
            Problem(tally, tally.lines, "not valid JSON");
            continue;
        }
        Step(document, tally.lines, previous_nanos, pending, tally);
    }
    return true;
}

// Compares the recount with the sidecar; returns the number of differences.
int Compare(const Tally& tally, const nlohmann::json& expected) {
    int differences = 0;
    auto check = [&](const char* what, uint64_t found, uint64_t expected_value) {
        std::printf("%-16s %llu (expected %llu)%s\n", what, static_cast<unsigned long long>(found),
                    static_cast<unsigned long long>(expected_value),
                    found == expected_value ? "" : "  MISMATCH");
        differences += found == expected_value ? 0 : 1;
    };
    check("events", tally.lines, expected.value("events", uint64_t{0}));
    check("bytes", tally.bytes, expected.value("bytes", uint64_t{0}));
    check("matches", tally.matches.size(), expected.value("planted_matches", uint64_t{0}));

    std::set<LinePair> expected_pairs;
    for (const auto& match : expected.value("matches", nlohmann::json::array())) {
        expected_pairs.insert({match["lines"][0].get<uint64_t>(), match["lines"][1].get<uint64_t>()});
    }
    for (const LinePair& pair : tally.matches) {
        if (!expected_pairs.contains(pair)) {
            std::printf("unexpected match: lines %llu and %llu\n",
                        static_cast<unsigned long long>(pair.first),
                        static_cast<unsigned long long>(pair.second));
            ++differences;
        }
    }
    for (const LinePair& pair : expected_pairs) {
        if (!tally.matches.contains(pair)) {
            std::printf("missing match: lines %llu and %llu\n",
                        static_cast<unsigned long long>(pair.first),
                        static_cast<unsigned long long>(pair.second));
            ++differences;
        }
    }
    return differences;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr,
                     "usage: eqlite-check-planted FILE [EXPECTED_JSON]\n"
                     "EXPECTED_JSON defaults to FILE.expected.json.\n");
        return 2;
    }
    std::string expected_path = argc == 3 ? argv[2] : std::string(argv[1]) + ".expected.json";
    std::ifstream expected_file(expected_path);
    nlohmann::json expected = nlohmann::json::parse(expected_file, nullptr, false);
    if (!expected_file || expected.is_discarded()) {
        std::fprintf(stderr, "eqlite-check-planted: failed to read %s as JSON\n",
                     expected_path.c_str());
        return 2;
    }

    Tally tally;
    if (!ReadEvents(argv[1], tally)) {
        return 2;
    }
    std::printf(
        "first stage      %llu events\nsecond stage     %llu events\n"
        "replaced         %llu pending sequences\nover maxspan     %llu\n"
        "equal timestamps %llu lines\n",
        static_cast<unsigned long long>(tally.first_stage),
        static_cast<unsigned long long>(tally.second_stage),
        static_cast<unsigned long long>(tally.replaced),
        static_cast<unsigned long long>(tally.over_maxspan),
        static_cast<unsigned long long>(tally.equal_timestamps));
    int differences = Compare(tally, expected);
    if (tally.problems > 0) {
        std::printf("format problems  %llu\n", static_cast<unsigned long long>(tally.problems));
    }
    bool ok = differences == 0 && tally.problems == 0;
    std::printf("%s\n", ok ? "OK" : "FAILED");
    return ok ? 0 : 1;
}
