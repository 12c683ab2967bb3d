// eqlite-generate: writes a deterministic NDJSON stream of Elastic Defend and FortiGate events
// for eqlite benchmarks, with a known number of planted matches of the FortiGate SOCKS rule
// (socks_sequence.eql), and a sidecar FILE.expected.json that lists them. Entry point: main.
#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tests/bench/catalog.hpp"
#include "tests/bench/clock.hpp"
#include "tests/bench/endpoint_events.hpp"
#include "tests/bench/fortigate_events.hpp"
#include "tests/bench/random.hpp"
#include "tests/bench/scenarios.hpp"

namespace eql::bench {
namespace {

constexpr size_t kFlushBytes = 8 << 20;
// Background events arrive every 3.6 ms on average, so 1M events span about an hour. Small
// files are stretched to at least 10 minutes, so that planted sequences do not crowd together.
constexpr int64_t kMeanGap = 36'000;
constexpr int64_t kMinSpan = 600 * kTicksPerSecond;

struct Options {
    uint64_t events = 0;
    uint64_t seed = 1;
    uint64_t planted = 0;
    int64_t near_misses = -1;  // -1: as many as planted
    std::string out = "-";
    std::string expected;
};

// The count of each kind of background event, for the sidecar.
struct Mix {
    uint64_t process = 0;
    uint64_t file = 0;
    uint64_t network = 0;
    uint64_t app_control = 0;
    uint64_t traffic = 0;
};

// Appends one random background event. The shares are estimates of a mid-sized network seen
// through Defend on every host and one FortiGate at the edge.
void WriteBackgroundEvent(std::string& out, Rng& rng, int64_t ticks, Catalog& catalog, Mix& mix) {
    uint64_t roll = rng.Below(100);
    if (roll < 20) {
        WriteEndpointProcess(out, rng, ticks, catalog, catalog.RandomHost(rng));
        ++mix.process;
    } else if (roll < 40) {
        WriteEndpointFile(out, rng, ticks, catalog, catalog.RandomHost(rng));
        ++mix.file;
    } else if (roll < 65) {
        Host& host = catalog.RandomHost(rng);
        WriteEndpointNetwork(out, rng, ticks, host, RandomEndpointConnection(rng, catalog, host));
        ++mix.network;
    } else if (roll < 90) {
        WriteFortigateAppControl(out, rng, ticks, RandomFortigateSession(rng, catalog));
        ++mix.app_control;
    } else {
        FortigateSession session = RandomFortigateSession(rng, catalog);
        session.application_logged = rng.Chance(1, 2);
        if (session.application_logged && rng.Chance(1, 30)) {
            // A SOCKS5 session in a traffic log: the application matches the rule's first stage
            // but the action ("close", ...) does not. Its address stays outside 198.18.0.0/15.
            session.application = &catalog.socks5();
            session.destination_ip.clear();
            AppendAddress(session.destination_ip, rng, "203.0");
            session.destination_port = 1080;
        }
        WriteFortigateTraffic(out, rng, ticks, session);
        ++mix.traffic;
    }
}

void WritePlannedEvent(std::string& out, Rng& rng, const PlannedEvent& event, Catalog& catalog) {
    if (event.from_fortigate) {
        WriteFortigateAppControl(out, rng, event.ticks, event.fortigate);
    } else {
        WriteEndpointNetwork(out, rng, event.ticks, catalog.host(event.host), event.connection);
    }
}

class Output {
public:
    explicit Output(const std::string& path) {
        if (path == "-") {
            file_ = stdout;
        } else {
            file_ = std::fopen(path.c_str(), "wb");
            owned_ = true;
        }
    }
    ~Output() {
        if (owned_ && file_ != nullptr) {
            std::fclose(file_);
        }
    }
    bool ok() const { return file_ != nullptr && !failed_; }

    void Write(std::string& buffer) {
        if (file_ != nullptr &&
            std::fwrite(buffer.data(), 1, buffer.size(), file_) != buffer.size()) {
            failed_ = true;
        }
        bytes_ += buffer.size();
        buffer.clear();
    }
    bool Close() {
        bool closed = owned_ ? std::fclose(file_) == 0 : std::fflush(file_) == 0;
        file_ = nullptr;
        return closed && !failed_;
    }
    uint64_t bytes() const { return bytes_; }

private:
    FILE* file_ = nullptr;
    bool owned_ = false;
    bool failed_ = false;
    uint64_t bytes_ = 0;
};

struct RunResult {
    uint64_t bytes = 0;
    int64_t first_ticks = 0;
    int64_t last_ticks = 0;
    Mix mix;
    std::vector<std::array<uint64_t, 2>> match_lines;  // by scenario: first and second line
};

// Writes the merged stream: background events at random gaps, planted events at their times.
bool WriteEvents(const Options& options, Catalog& catalog, const ScenarioPlan& plan, int64_t start,
                 int64_t mean_gap, Rng& rng, Output& output, RunResult& result) {
    std::string buffer;
    buffer.reserve(kFlushBytes + 64 * 1024);
    result.match_lines.assign(plan.scenarios.size(), {0, 0});
    uint64_t background_left = options.events - plan.events.size();
    int64_t background_ticks = start;
    int64_t next_background = 0;
    bool have_next_background = false;
    size_t next_planted = 0;

    for (uint64_t line = 1; line <= options.events; ++line) {
        if (background_left > 0 && !have_next_background) {
            // About one gap in 40 is zero, so some events share a timestamp.
            int64_t gap = rng.Chance(1, 40) ? 0 : rng.Range(1, 2 * mean_gap - 1);
            next_background = background_ticks + gap;
            have_next_background = true;
        }
        bool planted_next =
            next_planted < plan.events.size() &&
            (background_left == 0 || plan.events[next_planted].ticks <= next_background);
        int64_t ticks = 0;
        if (planted_next) {
            const PlannedEvent& event = plan.events[next_planted++];
            ticks = event.ticks;
            WritePlannedEvent(buffer, rng, event, catalog);
            if (event.role != MatchRole::kNone) {
                result.match_lines[event.scenario][event.role == MatchRole::kFirst ? 0 : 1] = line;
            }
        } else {
            ticks = background_ticks = next_background;
            have_next_background = false;
            --background_left;
            WriteBackgroundEvent(buffer, rng, ticks, catalog, result.mix);
        }
        if (line == 1) {
            result.first_ticks = ticks;
        }
        result.last_ticks = ticks;
        if (buffer.size() >= kFlushBytes) {
            output.Write(buffer);
        }
    }
    output.Write(buffer);
    result.bytes = output.bytes();
    return output.Close();
}

std::string TimestampText(int64_t ticks) {
    std::string text;
    AppendTimestamp(text, ticks);
    return text;
}

// Writes the sidecar: one top-level member per line, one match per line.
bool WriteExpected(const std::string& path, const Options& options, uint64_t near_misses,
                   const ScenarioPlan& plan, const RunResult& result) {
    using nlohmann::ordered_json;
    ordered_json kinds = ordered_json::object();
    for (ScenarioKind kind : kMatchingKinds) {
        kinds[ScenarioKindName(kind)] = 0;
    }
    for (ScenarioKind kind : kNearMissKinds) {
        kinds[ScenarioKindName(kind)] = 0;
    }
    for (const Scenario& scenario : plan.scenarios) {
        kinds[ScenarioKindName(scenario.kind)] =
            kinds[ScenarioKindName(scenario.kind)].get<int>() + 1;
    }
    ordered_json counts = {
        {"endpoint_process", result.mix.process},
        {"endpoint_file", result.mix.file},
        {"endpoint_network", result.mix.network},
        {"fortigate_app_control", result.mix.app_control},
        {"fortigate_traffic", result.mix.traffic},
        {"planted", plan.events.size()},
    };

    std::vector<std::pair<std::string, ordered_json>> members = {
        {"events", options.events},
        {"planted_matches", options.planted},
        {"near_misses", near_misses},
        {"seed", options.seed},
        {"bytes", result.bytes},
        {"rule", "tests/bench/socks_sequence.eql"},
        {"first_timestamp", TimestampText(result.first_ticks)},
        {"last_timestamp", TimestampText(result.last_ticks)},
        {"event_counts", counts},
        {"scenario_kinds", kinds},
    };

    // Matches in the order Elasticsearch sorts sequences: by the line of the completing event.
    std::vector<size_t> order;
    for (size_t i = 0; i < plan.scenarios.size(); ++i) {
        if (plan.scenarios[i].matches) {
            order.push_back(i);
        }
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return result.match_lines[a][1] < result.match_lines[b][1];
    });

    std::ofstream file(path, std::ios::binary);
    file << "{\n";
    for (const auto& [key, value] : members) {
        file << "  " << ordered_json(key).dump() << ": " << value.dump() << ",\n";
    }
    file << "  \"matches\": [";
    for (size_t i = 0; i < order.size(); ++i) {
        const Scenario& scenario = plan.scenarios[order[i]];
        ordered_json match = {
            {"kind", ScenarioKindName(scenario.kind)},
            {"lines", {result.match_lines[order[i]][0], result.match_lines[order[i]][1]}},
            {"join_keys", {scenario.source_port, scenario.source_ip, scenario.destination_ip}},
        };
        file << (i == 0 ? "\n    " : ",\n    ") << match.dump();
    }
    file << (order.empty() ? "]\n}\n" : "\n  ]\n}\n");
    file.close();
    return static_cast<bool>(file);
}

int Fail(const std::string& message) {
    std::fprintf(stderr, "eqlite-generate: error: %s\n", message.c_str());
    return 2;
}

int Run(const Options& options) {
    uint64_t near_misses =
        options.near_misses < 0 ? options.planted : static_cast<uint64_t>(options.near_misses);
    if (options.planted + near_misses > kMaxScenarios) {
        return Fail("--planted plus --near-misses is " +
                    std::to_string(options.planted + near_misses) + ", above the limit of " +
                    std::to_string(kMaxScenarios) + " (one address each in 198.18.0.0/15)");
    }

    // The catalog, the scenario plan and the background stream draw from separate generators.
    // The hosts therefore depend on --seed alone, and the plan does not depend on --events
    // except through the time span it is spread over.
    Rng root(options.seed);
    Catalog catalog(root.Next());
    Rng scenario_rng = root.Fork(1);
    Rng background_rng = root.Fork(2);

    int64_t start = TicksFromCivil(2024, 5, 13, 8, 0, 0);
    int64_t mean_gap = std::max<int64_t>(kMeanGap, kMinSpan / static_cast<int64_t>(options.events));
    int64_t span = mean_gap * static_cast<int64_t>(options.events);
    ScenarioPlan plan =
        PlanScenarios(options.planted, near_misses, start, span, catalog, scenario_rng);
    if (plan.events.size() > options.events) {
        return Fail("--events " + std::to_string(options.events) + " is too small: the planted " +
                    "sequences and near misses alone need " + std::to_string(plan.events.size()) +
                    " events");
    }

    Output output(options.out);
    if (!output.ok()) {
        return Fail("failed to open output file " + options.out + ": " + std::strerror(errno));
    }
    auto began = std::chrono::steady_clock::now();
    RunResult result;
    if (!WriteEvents(options, catalog, plan, start, mean_gap, background_rng, output, result)) {
        return Fail("writing " + options.out + " failed: " + std::strerror(errno));
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

    std::string expected = options.expected;
    if (expected.empty() && options.out != "-") {
        expected = options.out + ".expected.json";
    }
    if (!expected.empty() && !WriteExpected(expected, options, near_misses, plan, result)) {
        return Fail("writing " + expected + " failed");
    }

    std::fprintf(stderr,
                 "eqlite-generate: %llu events, %llu bytes (%.1f bytes/event) in %.2f s "
                 "(%.1f MB/s)\n",
                 static_cast<unsigned long long>(options.events),
                 static_cast<unsigned long long>(result.bytes),
                 static_cast<double>(result.bytes) / static_cast<double>(options.events), seconds,
                 static_cast<double>(result.bytes) / 1e6 / seconds);
    std::fprintf(stderr, "eqlite-generate: planted matches: %llu, near misses: %llu\n",
                 static_cast<unsigned long long>(options.planted),
                 static_cast<unsigned long long>(near_misses));
    return 0;
}

}  // namespace
}  // namespace eql::bench

int main(int argc, char** argv) {
    eql::bench::Options options;
    CLI::App app{
        "Writes deterministic Elastic Defend and FortiGate events as NDJSON, with planted "
        "matches of the FortiGate SOCKS sequence rule, for eqlite benchmarks."};
    app.add_option("--events", options.events, "Number of events (lines) to write")
        ->required()
        ->check(CLI::PositiveNumber);
    app.add_option("--seed", options.seed, "Seed; the same seed gives the same bytes")
        ->capture_default_str();
    app.add_option("--planted", options.planted,
                   "Number of planted sequences that the rule must match")
        ->capture_default_str();
    app.add_option("--near-misses", options.near_misses,
                   "Number of planted near misses that must not match (default: --planted)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--out", options.out, "Output NDJSON file, or - for standard output")
        ->capture_default_str();
    app.add_option("--expected", options.expected,
                   "Sidecar JSON with the expected matches (default: OUT.expected.json; none "
                   "when writing to standard output)");
    CLI11_PARSE(app, argc, argv);
    return eql::bench::Run(options);
}
