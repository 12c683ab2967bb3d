// The planted sequences: events that complete the FortiGate SOCKS rule (socks_sequence.eql)
// exactly once each, and near misses that look alike but must not match.
//
// Every scenario owns one destination.ip in 198.18.0.0/15, the range RFC 2544 sets aside for
// benchmarks, and no background event uses that range. So no two scenarios share a join key,
// and background traffic can neither start nor finish a planted sequence. Since background
// FortiGate app-ctrl events never name SOCKS4 or SOCKS5, the rule's first stage matches only
// planted events, and the expected match count is exactly the number of matching scenarios,
// even under "one pending sequence per key and stage, the newer replaces the older".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/bench/catalog.hpp"
#include "tests/bench/endpoint_events.hpp"
#include "tests/bench/fortigate_events.hpp"
#include "tests/bench/random.hpp"

namespace eql::bench {

enum class ScenarioKind {
    // Each of these gives one match.
    kSocks5ThenDisconnect,        // signature, then disconnect_received within 59 s
    kSocks4ThenAttempt,           // signature, then connection_attempted within 10 s
    kAttemptSignatureDisconnect,  // connection_attempted, signature, disconnect_received
    kRepeatedSignature,           // two signatures, then one Defend event: pairs with the second
    kDoubleDisconnect,            // signature, two Defend events: only the first pairs
    kAtMaxspan,                   // Defend event exactly 60 s after the signature (inclusive)
    // None of these matches.
    kLate61s,               // Defend event 61 s after the signature
    kLateBy1ms,             // Defend event 60.001 s after the signature
    kEndpointFirst,         // the Defend event comes before the signature
    kLowercaseApplication,  // network.application "socks5"; `in` is case-sensitive
    kOtherSourcePort,       // the Defend event has a different source.port
    kAcceptedAction,        // the Defend event is connection_accepted
};

inline constexpr ScenarioKind kMatchingKinds[] = {
    ScenarioKind::kSocks5ThenDisconnect,       ScenarioKind::kSocks4ThenAttempt,
    ScenarioKind::kAttemptSignatureDisconnect, ScenarioKind::kRepeatedSignature,
    ScenarioKind::kDoubleDisconnect,           ScenarioKind::kAtMaxspan,
};

inline constexpr ScenarioKind kNearMissKinds[] = {
    ScenarioKind::kLate61s,         ScenarioKind::kLateBy1ms,
    ScenarioKind::kEndpointFirst,   ScenarioKind::kLowercaseApplication,
    ScenarioKind::kOtherSourcePort, ScenarioKind::kAcceptedAction,
};

// Returns the snake_case name of a kind, as the sidecar file lists it.
const char* ScenarioKindName(ScenarioKind kind);

// The maximum number of scenarios in one file: each takes one destination address in
// 198.18.0.0/15, and the first and the last address of the range stay unused.
inline constexpr uint64_t kMaxScenarios = (1u << 17) - 2;

// The place of an event in its scenario's match, if it has one.
enum class MatchRole { kNone, kFirst, kSecond };

struct PlannedEvent {
    int64_t ticks = 0;
    uint32_t scenario = 0;
    MatchRole role = MatchRole::kNone;
    bool from_fortigate = false;
    FortigateSession fortigate;     // when from_fortigate
    EndpointConnection connection;  // otherwise
    size_t host = 0;                // catalog host of the Defend event
};

struct Scenario {
    ScenarioKind kind;
    bool matches;
    int64_t source_port;  // the match's join key: source.port, source.ip, destination.ip
    std::string source_ip;
    std::string destination_ip;
};

struct ScenarioPlan {
    std::vector<Scenario> scenarios;
    std::vector<PlannedEvent> events;  // sorted by ticks; equal ticks keep planning order
};

// Plans `matches` matching and `near_misses` non-matching scenarios, their start times spread
// evenly over [start, start + span). Requires matches + near_misses <= kMaxScenarios.
ScenarioPlan PlanScenarios(uint64_t matches, uint64_t near_misses, int64_t start, int64_t span,
                           Catalog& catalog, Rng& rng);

}  // namespace eql::bench
