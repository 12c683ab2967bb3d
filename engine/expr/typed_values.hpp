// Orderings of the typed values a schema can name: versions (Elasticsearch's version field,
// semantic versioning precedence) and dates (ISO-8601 text or epoch milliseconds).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace eql::expr {

// Compares two version strings as an Elasticsearch version field orders them: numeric parts
// numerically, a pre-release before its release ("1.2.4-SNAPSHOT" < "1.2.4"), and invalid
// versions ("bad") after every valid one, among themselves by bytes. Returns <0, 0 or >0.
int CompareVersions(std::string_view a, std::string_view b);
bool IsValidVersion(std::string_view text);

// Parses an ISO-8601 date or date-time ("2024-01-01", "2017-08-30T20:47:33.5Z",
// "2020-01-01T10:00:00+02:00"; no zone means UTC) or a decimal epoch-millisecond string, into
// nanoseconds since the Unix epoch. Nothing when the text is neither.
std::optional<int64_t> ParseDateNanos(std::string_view text);
// Like ParseDateNanos, but accepts only the ISO-8601 forms (at least "YYYY-MM").
std::optional<int64_t> ParseIsoDateNanos(std::string_view text);

}  // namespace eql::expr
