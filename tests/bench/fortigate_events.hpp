// FortiGate events as Elastic's fortinet_fortigate integration stores them: application
// control `signature` logs (type utm, subtype app-ctrl) and forward traffic logs.
#pragma once

#include <cstdint>
#include <string>

#include "tests/bench/catalog.hpp"
#include "tests/bench/random.hpp"

namespace eql::bench {

// The session that one FortiGate log line reports.
struct FortigateSession {
    const Application* application = nullptr;
    const char* application_name = nullptr;  // network.application; the signature's name if null
    std::string source_ip;
    int64_t source_port = 0;
    std::string destination_ip;
    int64_t destination_port = 0;
    const Observer* observer = nullptr;
    const FirewallPolicy* policy = nullptr;
    int64_t session_id = 0;
    bool application_logged = true;  // traffic logs only: false leaves network.application out
};

// Appends one app-ctrl `signature` event for `session`, with a newline.
void WriteFortigateAppControl(std::string& out, Rng& rng, int64_t ticks,
                              const FortigateSession& session);

// Appends one forward traffic event (close, accept, deny or timeout) for `session`, with a
// newline.
void WriteFortigateTraffic(std::string& out, Rng& rng, int64_t ticks,
                           const FortigateSession& session);

// Returns a background session from a random host to the server of a random application.
// Its application is never SOCKS4 or SOCKS5 and its destination never in 198.18.0.0/15.
FortigateSession RandomFortigateSession(Rng& rng, Catalog& catalog);

}  // namespace eql::bench
