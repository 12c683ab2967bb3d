// The values Elasticsearch indexes for a document, where they differ from its source: a
// mapping's `null_value` replaces an explicit null, and a `date` field contains epoch
// milliseconds read with the field's `format`. EQL filters, join keys and sample keys see these
// indexed values, so the runner feeds them to eqlite in place of the source values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace eql::conformance {

// Reads `text` with an Elasticsearch date `format` ("dd-MM-yyyy", "yyyy-MM-dd||epoch_millis";
// empty means the default, strict_date_optional_time||epoch_millis) and returns epoch
// milliseconds, or nothing when no alternative reads it. Patterns take the letters y, M, d,
// H, m, s and S, quoted text and any other character as a literal.
std::optional<int64_t> ParseDateWithFormat(std::string_view text, std::string_view format);

// Writes epoch milliseconds the way Elasticsearch prints a date field with `format`: with the
// first alternative, where the default strict_date_optional_time prints
// "1970-01-01T00:00:00.000Z" and epoch_millis the number.
std::string FormatDateWithFormat(int64_t millis, std::string_view format);

// Returns the `format` of every `date` field of `mapping`, by field path ("" for the default).
std::map<std::string, std::string> DateFieldFormats(const nlohmann::ordered_json& mapping);

// Rewrites `document` in place to the values `mapping` (with a top-level "properties") makes
// Elasticsearch index. A date that no alternative of the format reads is left as written.
void IndexDocumentValues(nlohmann::ordered_json& document, const nlohmann::ordered_json& mapping);

}  // namespace eql::conformance
