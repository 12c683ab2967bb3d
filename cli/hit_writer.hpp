// Writes matches as NDJSON in the shape of an Elasticsearch EQL hit, one match per line:
//   {"join_keys": [...], "events": [{"_index": FILE, "_id": "FILE:LINE", "_source": {...}}]}
// `join_keys` appears for sequences and samples only; a missing-stage placeholder is
// {"missing": true}; replay adds "rule": {"id": ..., "name": ...}.
#pragma once

#include <cstdio>
#include <string>

#include "eql/engine.hpp"

namespace eql::cli {

struct RuleIdentity {
    std::string id;
    std::string name;
};

// Appends `text` to `out` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view text);

// Appends one value as JSON: null, true/false, a number or a string.
void AppendJsonValue(std::string& out, const Value& value);

// Formats one match as a JSON object without a line end. `rule` may be null.
std::string FormatHit(const Match& match, const RuleIdentity* rule);

}  // namespace eql::cli
