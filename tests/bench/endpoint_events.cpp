// Writers of Elastic Defend events (WriteEndpointProcess, WriteEndpointFile,
// WriteEndpointNetwork). The field set is a trimmed version of what Defend 8.x sends. The
// fields that detection rules on these streams commonly read are kept. The bulky ones (agent,
// code signatures, hashes, ancestry, call stacks) are left out, so that an event takes about
// 700 bytes in place of the 3 to 6 KB of a real one.
#include "tests/bench/endpoint_events.hpp"

#include <string_view>
#include <vector>

#include "tests/bench/clock.hpp"
#include "tests/bench/json_writer.hpp"

namespace eql::bench {
namespace {

constexpr int64_t kMinIngestDelay = 1 * kTicksPerSecond;
constexpr int64_t kMaxIngestDelay = 25 * kTicksPerSecond;

void WriteTimestamp(JsonWriter& json, std::string_view key, int64_t ticks) {
    json.Key(key);
    json.UnescapedString([ticks](std::string& out) { AppendTimestamp(out, ticks); });
}

void WriteEntityId(JsonWriter& json, Rng& rng) {
    json.Key("entity_id");
    json.UnescapedString([&rng](std::string& out) { rng.AppendBase64(out, 24); });
}

// Writes @timestamp and data_stream, the members every Defend event starts with.
void WriteHead(JsonWriter& json, int64_t ticks, std::string_view dataset) {
    WriteTimestamp(json, "@timestamp", ticks);
    json.Key("data_stream");
    json.BeginObject();
    json.Field("dataset", dataset);
    json.EndObject();
}

// Writes the event object. `type` is the single event.type value.
void WriteEventObject(JsonWriter& json, Rng& rng, int64_t ticks, Host& host,
                      std::string_view category, std::string_view action, std::string_view type) {
    json.Key("event");
    json.BeginObject();
    json.Field("action", action);
    json.FieldList("category", category);
    int64_t ingested = ticks + rng.Range(kMinIngestDelay, kMaxIngestDelay);
    json.Key("ingested");
    json.UnescapedString([ingested](std::string& out) { AppendTimestampSeconds(out, ingested); });
    json.Field("kind", "event");
    json.Field("module", "endpoint");
    json.Field("sequence", host.next_sequence++);
    json.FieldList("type", type);
    json.EndObject();
}

void WriteHostAndUser(JsonWriter& json, const Host& host, const User& user) {
    json.Key("host");
    json.BeginObject();
    json.Key("ip");
    json.BeginArray();
    json.String(host.ip);
    json.EndArray();
    json.Field("name", host.name);
    json.Key("os");
    json.BeginObject();
    json.Field("name", host.os->name);
    json.Field("type", host.os->type);
    json.EndObject();
    json.EndObject();

    json.Key("user");
    json.BeginObject();
    if (!user.domain.empty()) {
        json.Field("domain", user.domain);
    }
    json.Field("id", user.id);
    json.Field("name", user.name);
    json.EndObject();
}

const User& UserOf(const Host& host, const ProgramTemplate& program) {
    return program.runs_as_service ? *host.service_user : *host.user;
}

// Splits a template's '|'-separated arguments and fills their placeholders.
std::vector<std::string> ExpandArgs(const ProgramTemplate& program, Rng& rng, const User& user) {
    std::vector<std::string> args;
    std::string_view rest(program.args);
    while (true) {
        size_t bar = rest.find('|');
        std::string piece(rest.substr(0, bar));
        args.push_back(FillPlaceholders(piece.c_str(), rng, user));
        if (bar == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(bar + 1);
    }
    return args;
}

// Joins arguments into a command line, quoting those with spaces the way each system's shell
// expects.
std::string CommandLine(const std::vector<std::string>& args, bool windows) {
    std::string line;
    for (const std::string& arg : args) {
        if (!line.empty()) {
            line.push_back(' ');
        }
        if (arg.find(' ') == std::string::npos) {
            line += arg;
        } else if (windows) {
            line += "\"" + arg + "\"";
        } else {
            line += "'" + arg + "'";
        }
    }
    return line;
}

// Writes the members of a process object that every Defend event carries.
void WriteProcessIdentity(JsonWriter& json, Rng& rng, const Host& host,
                          const ProgramTemplate& program, const User& user) {
    WriteEntityId(json, rng);
    json.Field("executable", FillPlaceholders(program.executable, rng, user));
    json.Field("name", program.name);
    json.Field("pid", RandomPid(rng, host));
}

// Returns the extension of a file name, or "" when it has none.
std::string_view Extension(std::string_view name) {
    size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
        return {};
    }
    return name.substr(dot + 1);
}

struct FileAction {
    const char* action;
    const char* type;
};

constexpr FileAction kFileActions[] = {
    {"creation", "creation"},   {"creation", "creation"}, {"modification", "change"},
    {"modification", "change"}, {"rename", "change"},     {"deletion", "deletion"},
};

}  // namespace

int64_t RandomPid(Rng& rng, const Host& host) {
    return host.windows ? 4 * rng.Range(100, 16000) : rng.Range(300, 4194303);
}

int64_t EphemeralPort(Rng& rng, const Host& host) {
    return host.windows ? rng.Range(49152, 65535) : rng.Range(32768, 60999);
}

void WriteEndpointProcess(std::string& out, Rng& rng, int64_t ticks, const Catalog& catalog,
                          Host& host) {
    const ProgramTemplate& program = catalog.RandomProgram(rng, host.windows);
    const User& user = UserOf(host, program);
    std::vector<std::string> args = ExpandArgs(program, rng, user);

    JsonWriter json(out);
    json.BeginObject();
    WriteHead(json, ticks, "endpoint.events.process");
    WriteEventObject(json, rng, ticks, host, "process", "start", "start");
    WriteHostAndUser(json, host, user);
    json.Key("process");
    json.BeginObject();
    json.Key("args");
    json.BeginArray();
    for (const std::string& arg : args) {
        json.String(arg);
    }
    json.EndArray();
    json.Field("args_count", static_cast<int64_t>(args.size()));
    json.Field("command_line", CommandLine(args, host.windows));
    WriteProcessIdentity(json, rng, host, program, user);
    json.Key("parent");
    json.BeginObject();
    json.Field("executable", FillPlaceholders(program.parent_executable, rng, user));
    json.Field("name", program.parent_name);
    json.Field("pid", RandomPid(rng, host));
    json.EndObject();
    json.EndObject();
    json.EndObject();
    out.push_back('\n');
}

void WriteEndpointFile(std::string& out, Rng& rng, int64_t ticks, const Catalog& catalog,
                       Host& host) {
    const ProgramTemplate& program = catalog.RandomProgram(rng, host.windows);
    const User& user = UserOf(host, program);
    std::string path = FillPlaceholders(rng.Pick(catalog.file_paths(host.windows)), rng, user);
    std::string_view name(path);
    name.remove_prefix(name.find_last_of(host.windows ? '\\' : '/') + 1);
    const FileAction& action = rng.Pick(kFileActions);

    JsonWriter json(out);
    json.BeginObject();
    WriteHead(json, ticks, "endpoint.events.file");
    WriteEventObject(json, rng, ticks, host, "file", action.action, action.type);
    json.Key("file");
    json.BeginObject();
    std::string_view extension = Extension(name);
    if (!extension.empty()) {
        json.Field("extension", extension);
    }
    json.Field("name", name);
    json.Field("path", path);
    if (action.type != std::string_view("deletion")) {
        json.Field("size", rng.Range(0, 4'000'000));
    }
    json.EndObject();
    WriteHostAndUser(json, host, user);
    json.Key("process");
    json.BeginObject();
    WriteProcessIdentity(json, rng, host, program, user);
    json.EndObject();
    json.EndObject();
    out.push_back('\n');
}

void WriteEndpointNetwork(std::string& out, Rng& rng, int64_t ticks, Host& host,
                          const EndpointConnection& connection) {
    std::string_view action(connection.action);
    bool inbound = action == "connection_accepted";
    bool end = action == "disconnect_received";
    const User& user = UserOf(host, *connection.program);

    JsonWriter json(out);
    json.BeginObject();
    WriteHead(json, ticks, "endpoint.events.network");
    WriteEventObject(json, rng, ticks, host, "network", action, end ? "end" : "start");
    json.Key("destination");
    json.BeginObject();
    if (end) {
        json.Field("bytes", rng.Range(0, 2'000'000));
    }
    json.Field("ip", connection.destination_ip);
    json.Field("port", connection.destination_port);
    json.EndObject();
    json.Key("source");
    json.BeginObject();
    if (end) {
        json.Field("bytes", rng.Range(40, 200'000));
    }
    json.Field("ip", connection.source_ip);
    json.Field("port", connection.source_port);
    json.EndObject();
    json.Key("network");
    json.BeginObject();
    json.Field("direction", inbound ? "ingress" : "egress");
    json.Field("transport", connection.transport);
    json.EndObject();
    WriteHostAndUser(json, host, user);
    json.Key("process");
    json.BeginObject();
    WriteProcessIdentity(json, rng, host, *connection.program, user);
    json.EndObject();
    json.EndObject();
    out.push_back('\n');
}

EndpointConnection RandomEndpointConnection(Rng& rng, const Catalog& catalog, const Host& host) {
    static constexpr int kServicePorts[] = {22, 80, 135, 443, 445, 3389, 5985, 8080};
    EndpointConnection connection;
    connection.program = &catalog.RandomNetworkProgram(rng, host.windows);
    uint64_t roll = rng.Below(100);
    connection.action = roll < 45 ? "connection_attempted"
                                  : (roll < 85 ? "disconnect_received" : "connection_accepted");

    if (std::string_view(connection.action) == "connection_accepted") {
        // Inbound: a peer on the internal network opens one of the host's services.
        AppendAddress(connection.source_ip, rng, rng.Chance(1, 4) ? "" : "10.20");
        connection.source_port = rng.Range(49152, 65535);
        connection.destination_ip = host.ip;
        connection.destination_port = rng.Pick(kServicePorts);
        return connection;
    }

    // Outbound: the host connects to the server of a known application.
    const Application& application = rng.Pick(catalog.applications());
    connection.source_ip = host.ip;
    connection.source_port = EphemeralPort(rng, host);
    AppendAddress(connection.destination_ip, rng, application.destination);
    connection.destination_port = application.port;
    connection.transport = application.transport;
    return connection;
}

}  // namespace eql::bench
