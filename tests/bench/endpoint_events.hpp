// Elastic Defend events: process starts, file changes and network connections, written as
// compact NDJSON lines in the field layout of the endpoint.events.* data streams.
#pragma once

#include <cstdint>
#include <string>

#include "tests/bench/catalog.hpp"
#include "tests/bench/random.hpp"

namespace eql::bench {

// The connection that one Defend network event reports.
struct EndpointConnection {
    const char* action = "connection_attempted";  // or connection_accepted, disconnect_received
    std::string source_ip;
    int64_t source_port = 0;
    std::string destination_ip;
    int64_t destination_port = 0;
    const char* transport = "tcp";
    const ProgramTemplate* program = nullptr;
};

// Appends one process start event of `host`, with a newline.
void WriteEndpointProcess(std::string& out, Rng& rng, int64_t ticks, const Catalog& catalog,
                          Host& host);

// Appends one file creation, modification, rename or deletion event of `host`, with a newline.
void WriteEndpointFile(std::string& out, Rng& rng, int64_t ticks, const Catalog& catalog,
                       Host& host);

// Appends one network event of `host` for `connection`, with a newline.
void WriteEndpointNetwork(std::string& out, Rng& rng, int64_t ticks, Host& host,
                          const EndpointConnection& connection);

// Returns a background connection of `host`: outbound to a public or internal server, or
// inbound to one of the host's services. Destination addresses never fall in 198.18.0.0/15,
// the range that the planted sequences own.
EndpointConnection RandomEndpointConnection(Rng& rng, const Catalog& catalog, const Host& host);

// Returns a process id of the size the host's system gives out.
int64_t RandomPid(Rng& rng, const Host& host);

// Returns a random ephemeral port of the host's system.
int64_t EphemeralPort(Rng& rng, const Host& host);

}  // namespace eql::bench
