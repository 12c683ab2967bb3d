// Formatting of matches as Elasticsearch-shaped EQL hits. Event sources are copied verbatim:
// they are the original JSON text of each input line.
#include "cli/hit_writer.hpp"

#include <cmath>
#include <fmt/format.h>

namespace eql::cli {

void AppendJsonString(std::string& out, std::string_view text) {
    out.push_back('"');
    for (char c : text) {
        unsigned char byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (byte < 0x20) {
                    out += fmt::format("\\u{:04x}", byte);
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

void AppendJsonValue(std::string& out, const Value& value) {
    if (IsNull(value)) {
        out += "null";
    } else if (const bool* flag = std::get_if<bool>(&value)) {
        out += *flag ? "true" : "false";
    } else if (const int64_t* integer = std::get_if<int64_t>(&value)) {
        out += std::to_string(*integer);
    } else if (const double* number = std::get_if<double>(&value)) {
        out += std::isfinite(*number) ? fmt::format("{}", *number) : "null";
    } else {
        AppendJsonString(out, std::get<std::string>(value));
    }
}

namespace {

void AppendEvent(std::string& out, const EventPtr& event) {
    if (event == nullptr) {
        out += "{\"missing\":true}";
        return;
    }
    const std::string& index = event->file ? *event->file : std::string();
    out += "{\"_index\":";
    AppendJsonString(out, index);
    out += ",\"_id\":";
    AppendJsonString(out, index + ":" + std::to_string(event->line));
    out += ",\"_source\":";
    out += event->source;
    out += "}";
}

}  // namespace

std::string FormatHit(const Match& match, const RuleIdentity* rule) {
    std::string out = "{";
    if (rule != nullptr) {
        out += "\"rule\":{\"id\":";
        AppendJsonString(out, rule->id);
        out += ",\"name\":";
        AppendJsonString(out, rule->name);
        out += "},";
    }
    if (match.has_join_keys) {
        out += "\"join_keys\":[";
        for (size_t i = 0; i < match.join_keys.size(); ++i) {
            if (i > 0) {
                out += ",";
            }
            AppendJsonValue(out, match.join_keys[i]);
        }
        out += "],";
    }
    out += "\"events\":[";
    for (size_t i = 0; i < match.events.size(); ++i) {
        if (i > 0) {
            out += ",";
        }
        AppendEvent(out, match.events[i]);
    }
    out += "]}";
    return out;
}

}  // namespace eql::cli
