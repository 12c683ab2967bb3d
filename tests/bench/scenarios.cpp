// Plans the planted SOCKS sequences and their near misses (PlanScenarios): picks each
// scenario's kind, join key and start time, and lays out its FortiGate and Defend events.
// scenarios.hpp explains why planted keys cannot collide with each other or with background.
#include "tests/bench/scenarios.hpp"

#include <algorithm>
#include <string>

#include "tests/bench/clock.hpp"

namespace eql::bench {
namespace {

constexpr int64_t kMaxspan = 60 * kTicksPerSecond;

int64_t Millis(int64_t milliseconds) { return milliseconds * kTicksPerMillisecond; }

// Returns a duration in [low_ms, high_ms] milliseconds, drawn at tick resolution.
int64_t Between(Rng& rng, int64_t low_ms, int64_t high_ms) {
    return rng.Range(Millis(low_ms), Millis(high_ms));
}

// Returns the destination address that scenario `index` owns: 198.18.0.1 onwards.
std::string ScenarioAddress(uint64_t index) {
    uint64_t offset = index + 1;
    return "198." + std::to_string(18 + (offset >> 16)) + "." +
           std::to_string((offset >> 8) & 255) + "." + std::to_string(offset & 255);
}

// Adds the events of one scenario to a plan. The FortiGate events and the Defend events share
// the scenario's host, firewall, policy and client program.
class ScenarioBuilder {
public:
    ScenarioBuilder(Catalog& catalog, Rng& rng, ScenarioPlan& plan, uint32_t index)
        : catalog_(catalog), plan_(plan), index_(index) {
        host_ = catalog.RandomHostIndex(rng);
        const Host& host = catalog.host(host_);
        observer_ = &rng.Pick(catalog.observers());
        policy_ = &rng.Pick(catalog.policies());
        program_ = &catalog.RandomNetworkProgram(rng, host.windows);
        static constexpr int64_t kProxyPorts[] = {1080, 1080, 1080, 1081, 9050, 8888};
        destination_port_ = rng.Pick(kProxyPorts);
        source_port_ = EphemeralPort(rng, host);
    }

    Scenario& scenario() { return plan_.scenarios[index_]; }
    int64_t source_port() const { return source_port_; }
    const std::string& source_ip() const { return catalog_.host(host_).ip; }

    void Signature(int64_t ticks, const Application& application, MatchRole role,
                   const char* application_name = nullptr) {
        PlannedEvent event = Start(ticks, role);
        event.from_fortigate = true;
        FortigateSession& session = event.fortigate;
        session.application = &application;
        session.application_name = application_name;
        session.source_ip = source_ip();
        session.source_port = source_port_;
        session.destination_ip = plan_.scenarios[index_].destination_ip;
        session.destination_port = destination_port_;
        session.observer = observer_;
        session.policy = policy_;
        session.session_id = catalog_.NextSessionId();
        plan_.events.push_back(std::move(event));
    }

    void Defend(int64_t ticks, const char* action, MatchRole role, int64_t source_port = 0) {
        PlannedEvent event = Start(ticks, role);
        EndpointConnection& connection = event.connection;
        connection.action = action;
        connection.source_ip = source_ip();
        connection.source_port = source_port == 0 ? source_port_ : source_port;
        connection.destination_ip = plan_.scenarios[index_].destination_ip;
        connection.destination_port = destination_port_;
        connection.program = program_;
        plan_.events.push_back(std::move(event));
    }

private:
    PlannedEvent Start(int64_t ticks, MatchRole role) {
        PlannedEvent event;
        event.ticks = ticks;
        event.scenario = index_;
        event.role = role;
        event.host = host_;
        return event;
    }

    Catalog& catalog_;
    ScenarioPlan& plan_;
    uint32_t index_;
    size_t host_ = 0;
    const Observer* observer_ = nullptr;
    const FirewallPolicy* policy_ = nullptr;
    const ProgramTemplate* program_ = nullptr;
    int64_t destination_port_ = 0;
    int64_t source_port_ = 0;
};

constexpr const char* kAttempted = "connection_attempted";
constexpr const char* kDisconnect = "disconnect_received";
constexpr const char* kAccepted = "connection_accepted";

// Lays out the events of a matching scenario that starts at `t`.
void AddMatching(ScenarioBuilder& b, Catalog& catalog, Rng& rng, ScenarioKind kind, int64_t t) {
    const Application& socks5 = catalog.socks5();
    switch (kind) {
        case ScenarioKind::kSocks5ThenDisconnect:
            b.Signature(t, socks5, MatchRole::kFirst);
            b.Defend(t + Between(rng, 200, 59'000), kDisconnect, MatchRole::kSecond);
            break;
        case ScenarioKind::kSocks4ThenAttempt:
            b.Signature(t, catalog.socks4(), MatchRole::kFirst);
            b.Defend(t + Between(rng, 5, 10'000), kAttempted, MatchRole::kSecond);
            break;
        case ScenarioKind::kAttemptSignatureDisconnect: {
            // The Defend attempt comes first, as on a real network; it has nothing to extend.
            int64_t signature = t + Between(rng, 20, 2'000);
            b.Defend(t, kAttempted, MatchRole::kNone);
            b.Signature(signature, socks5, MatchRole::kFirst);
            b.Defend(signature + Between(rng, 1'000, 58'000), kDisconnect, MatchRole::kSecond);
            break;
        }
        case ScenarioKind::kRepeatedSignature: {
            // The second signature replaces the first pending sequence. The Defend event is
            // within 60 s of the second signature only, for some scenarios.
            int64_t second = t + Between(rng, 10'000, 30'000);
            b.Signature(t, socks5, MatchRole::kNone);
            b.Signature(second, rng.Chance(1, 2) ? socks5 : catalog.socks4(), MatchRole::kFirst);
            b.Defend(second + Between(rng, 35'000, 59'000), kDisconnect, MatchRole::kSecond);
            break;
        }
        case ScenarioKind::kDoubleDisconnect: {
            // The first Defend event completes the sequence; the second finds nothing pending.
            int64_t first = t + Between(rng, 500, 30'000);
            b.Signature(t, socks5, MatchRole::kFirst);
            b.Defend(first, kDisconnect, MatchRole::kSecond);
            b.Defend(first + Between(rng, 5, 20'000), kDisconnect, MatchRole::kNone);
            break;
        }
        case ScenarioKind::kAtMaxspan:
            b.Signature(t, socks5, MatchRole::kFirst);
            b.Defend(t + kMaxspan, kDisconnect, MatchRole::kSecond);
            break;
        default:
            break;
    }
}

// Lays out the events of a near miss that starts at `t`.
void AddNearMiss(ScenarioBuilder& b, Catalog& catalog, Rng& rng, ScenarioKind kind, int64_t t) {
    const Application& socks5 = catalog.socks5();
    switch (kind) {
        case ScenarioKind::kLate61s:
            b.Signature(t, socks5, MatchRole::kNone);
            b.Defend(t + Millis(61'000) + Between(rng, 0, 999), kDisconnect, MatchRole::kNone);
            break;
        case ScenarioKind::kLateBy1ms:
            b.Signature(t, socks5, MatchRole::kNone);
            b.Defend(t + kMaxspan + Millis(1), kDisconnect, MatchRole::kNone);
            break;
        case ScenarioKind::kEndpointFirst:
            b.Defend(t, rng.Chance(1, 2) ? kAttempted : kDisconnect, MatchRole::kNone);
            b.Signature(t + Between(rng, 100, 30'000), socks5, MatchRole::kNone);
            break;
        case ScenarioKind::kLowercaseApplication:
            b.Signature(t, socks5, MatchRole::kNone, "socks5");
            b.Defend(t + Between(rng, 100, 30'000), kDisconnect, MatchRole::kNone);
            break;
        case ScenarioKind::kOtherSourcePort: {
            int64_t port = b.source_port() == 65535 ? 65534 : b.source_port() + 1;
            b.Signature(t, socks5, MatchRole::kNone);
            b.Defend(t + Between(rng, 100, 30'000), kDisconnect, MatchRole::kNone, port);
            break;
        }
        case ScenarioKind::kAcceptedAction:
            b.Signature(t, socks5, MatchRole::kNone);
            b.Defend(t + Between(rng, 100, 30'000), kAccepted, MatchRole::kNone);
            break;
        default:
            break;
    }
}

bool Matches(ScenarioKind kind) {
    return std::find(std::begin(kMatchingKinds), std::end(kMatchingKinds), kind) !=
           std::end(kMatchingKinds);
}

}  // namespace

const char* ScenarioKindName(ScenarioKind kind) {
    switch (kind) {
        case ScenarioKind::kSocks5ThenDisconnect:
            return "socks5_then_disconnect";
        case ScenarioKind::kSocks4ThenAttempt:
            return "socks4_then_attempt";
        case ScenarioKind::kAttemptSignatureDisconnect:
            return "attempt_signature_disconnect";
        case ScenarioKind::kRepeatedSignature:
            return "repeated_signature";
        case ScenarioKind::kDoubleDisconnect:
            return "double_disconnect";
        case ScenarioKind::kAtMaxspan:
            return "at_maxspan";
        case ScenarioKind::kLate61s:
            return "late_61s";
        case ScenarioKind::kLateBy1ms:
            return "late_by_1ms";
        case ScenarioKind::kEndpointFirst:
            return "endpoint_first";
        case ScenarioKind::kLowercaseApplication:
            return "lowercase_application";
        case ScenarioKind::kOtherSourcePort:
            return "other_source_port";
        case ScenarioKind::kAcceptedAction:
            return "accepted_action";
    }
    return "unknown";
}

ScenarioPlan PlanScenarios(uint64_t matches, uint64_t near_misses, int64_t start, int64_t span,
                           Catalog& catalog, Rng& rng) {
    // Kinds cycle through both lists, then a Fisher-Yates shuffle mixes them over time.
    std::vector<ScenarioKind> kinds;
    for (uint64_t i = 0; i < matches; ++i) {
        kinds.push_back(kMatchingKinds[i % std::size(kMatchingKinds)]);
    }
    for (uint64_t i = 0; i < near_misses; ++i) {
        kinds.push_back(kNearMissKinds[i % std::size(kNearMissKinds)]);
    }
    for (size_t i = kinds.size(); i > 1; --i) {
        std::swap(kinds[i - 1], kinds[rng.Below(i)]);
    }

    ScenarioPlan plan;
    uint64_t count = kinds.size();
    for (uint64_t i = 0; i < count; ++i) {
        // Scenario i starts near the middle of the i-th of `count` equal slices of the span.
        auto slice_start = static_cast<int64_t>(static_cast<__int128>(span) * i / count);
        int64_t slice = std::max<int64_t>(span / static_cast<int64_t>(count), 2);
        int64_t t = start + slice_start + slice / 4 + rng.Range(0, slice / 2);

        plan.scenarios.push_back({kinds[i], Matches(kinds[i]), 0, "", ScenarioAddress(i)});
        ScenarioBuilder builder(catalog, rng, plan, static_cast<uint32_t>(i));
        builder.scenario().source_port = builder.source_port();
        builder.scenario().source_ip = builder.source_ip();
        if (Matches(kinds[i])) {
            AddMatching(builder, catalog, rng, kinds[i], t);
        } else {
            AddNearMiss(builder, catalog, rng, kinds[i], t);
        }
    }

    std::stable_sort(
        plan.events.begin(), plan.events.end(),
        [](const PlannedEvent& a, const PlannedEvent& b) { return a.ticks < b.ticks; });
    return plan;
}

}  // namespace eql::bench
