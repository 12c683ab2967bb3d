// Writers of FortiGate events in the layout of Elastic's fortinet_fortigate.log data stream
// (WriteFortigateAppControl, WriteFortigateTraffic). Timestamps are written in UTC with seven
// fractional digits like the Defend events, so that one clock orders both sources. A real
// FortiGate pipeline writes whole seconds in the device's own UTC offset.
#include "tests/bench/fortigate_events.hpp"

#include <string_view>

#include "tests/bench/clock.hpp"
#include "tests/bench/endpoint_events.hpp"
#include "tests/bench/json_writer.hpp"

namespace eql::bench {
namespace {

void WriteHead(JsonWriter& json, int64_t ticks) {
    json.Key("@timestamp");
    json.UnescapedString([ticks](std::string& out) { AppendTimestamp(out, ticks); });
    json.Key("data_stream");
    json.BeginObject();
    json.Field("dataset", "fortinet_fortigate.log");
    json.EndObject();
}

// Writes the event object: action, the fixed category, the type list and ingested.
void WriteEventObject(JsonWriter& json, Rng& rng, int64_t ticks, std::string_view action,
                      std::initializer_list<std::string_view> types) {
    json.Key("event");
    json.BeginObject();
    json.Field("action", action);
    json.FieldList("category", "network");
    int64_t ingested = ticks + rng.Range(2 * kTicksPerSecond, 40 * kTicksPerSecond);
    json.Key("ingested");
    json.UnescapedString([ingested](std::string& out) { AppendTimestampSeconds(out, ingested); });
    json.Field("kind", "event");
    json.Key("type");
    json.BeginArray();
    for (std::string_view type : types) {
        json.String(type);
    }
    json.EndArray();
    json.EndObject();
}

void WriteEndpoints(JsonWriter& json, const FortigateSession& session) {
    json.Key("destination");
    json.BeginObject();
    json.Field("ip", session.destination_ip);
    json.Field("port", session.destination_port);
    json.EndObject();
    json.Key("source");
    json.BeginObject();
    json.Field("ip", session.source_ip);
    json.Field("port", session.source_port);
    json.EndObject();
}

void WriteObserver(JsonWriter& json, const Observer& observer) {
    json.Key("observer");
    json.BeginObject();
    json.Field("name", observer.name);
    json.Field("type", "firewall");
    json.Field("vendor", "Fortinet");
    json.EndObject();
}

}  // namespace

void WriteFortigateAppControl(std::string& out, Rng& rng, int64_t ticks,
                              const FortigateSession& session) {
    const Application& application = *session.application;
    const char* name = session.application_name ? session.application_name : application.name;
    bool blocked = std::string_view(application.risk) == "critical";

    JsonWriter json(out);
    json.BeginObject();
    WriteHead(json, ticks);
    WriteEndpoints(json, session);
    WriteEventObject(json, rng, ticks, "signature", {blocked ? "denied" : "allowed"});
    json.Key("fortinet");
    json.BeginObject();
    json.Key("firewall");
    json.BeginObject();
    json.Field("action", blocked ? "block" : "pass");
    json.Field("appid", std::to_string(application.app_id));
    json.Field("apprisk", application.risk);
    json.Field("sessionid", std::to_string(session.session_id));
    json.Field("subtype", "app-ctrl");
    json.Field("type", "utm");
    json.Field("vd", session.observer->vdom);
    json.EndObject();
    json.EndObject();
    json.Field("message", std::string(application.category) + ": " + name);
    json.Key("network");
    json.BeginObject();
    json.Field("application", name);
    json.Field("direction", "outbound");
    json.Field("protocol", application.protocol);
    json.Field("transport", application.transport);
    json.EndObject();
    WriteObserver(json, *session.observer);
    json.Key("rule");
    json.BeginObject();
    std::string category(application.category);
    for (char& c : category) {
        c = c == '.' ? '-' : c;
    }
    json.Field("category", category);
    json.Field("id", session.policy->id);
    json.Field("name", session.policy->name);
    json.EndObject();
    if (*application.domain != '\0') {
        json.Key("url");
        json.BeginObject();
        json.Field("domain", application.domain);
        json.EndObject();
    }
    json.EndObject();
    out.push_back('\n');
}

void WriteFortigateTraffic(std::string& out, Rng& rng, int64_t ticks,
                           const FortigateSession& session) {
    struct TrafficAction {
        const char* action;
        const char* outcome_type;
    };
    static constexpr TrafficAction kActions[] = {
        {"close", "allowed"},  {"close", "allowed"},   {"close", "allowed"},
        {"accept", "allowed"}, {"timeout", "allowed"}, {"deny", "denied"},
    };
    const TrafficAction& action = rng.Pick(kActions);
    bool denied = std::string_view(action.action) == "deny";
    int64_t sent = denied ? 0 : rng.Range(60, 400'000);
    int64_t received = denied ? 0 : rng.Range(0, 4'000'000);

    JsonWriter json(out);
    json.BeginObject();
    WriteHead(json, ticks);
    WriteEndpoints(json, session);
    WriteEventObject(json, rng, ticks, action.action, {"connection", "end", action.outcome_type});
    json.Key("fortinet");
    json.BeginObject();
    json.Key("firewall");
    json.BeginObject();
    json.Field("action", action.action);
    json.Field("sessionid", std::to_string(session.session_id));
    json.Field("subtype", "forward");
    json.Field("type", "traffic");
    json.Field("vd", session.observer->vdom);
    json.EndObject();
    json.EndObject();
    json.Key("network");
    json.BeginObject();
    if (session.application_logged) {
        json.Field("application",
                   session.application_name ? session.application_name : session.application->name);
    }
    json.Field("bytes", sent + received);
    json.Field("direction", "outbound");
    json.Field("transport", session.application->transport);
    json.EndObject();
    WriteObserver(json, *session.observer);
    json.Key("rule");
    json.BeginObject();
    json.Field("id", session.policy->id);
    json.Field("name", session.policy->name);
    json.Field("ruleset", "policy");
    json.EndObject();
    json.EndObject();
    out.push_back('\n');
}

FortigateSession RandomFortigateSession(Rng& rng, Catalog& catalog) {
    const Host& host = catalog.RandomHost(rng);
    FortigateSession session;
    session.application = &rng.Pick(catalog.applications());
    session.source_ip = host.ip;
    session.source_port = EphemeralPort(rng, host);
    AppendAddress(session.destination_ip, rng, session.application->destination);
    session.destination_port = session.application->port;
    session.observer = &rng.Pick(catalog.observers());
    session.policy = &rng.Pick(catalog.policies());
    session.session_id = catalog.NextSessionId();
    return session;
}

}  // namespace eql::bench
