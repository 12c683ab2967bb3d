// Timestamp parsing for event ordering: ISO-8601 date-times and epoch milliseconds, to
// nanoseconds since the Unix epoch, the forms Elasticsearch's default date format
// (strict_date_optional_time||epoch_millis) accepts.
#pragma once

#include <cstdint>
#include <string_view>

namespace eql {

enum class TimestampStatus {
    kOk,
    kInvalid,     // not a timestamp in any accepted form
    kOutOfRange,  // a timestamp, but outside int64 nanoseconds (before 1677-09-21 or after 2262-04-11)
};

// Parses a string timestamp into *nanos. Accepted, tried in this order:
// - ISO-8601 `YYYY[-MM[-DD[THH[:MM[:SS[.F]]][zone]]]]`, where F is 1 to 9 fraction digits
//   ('.' or ','), and zone is `Z`, `+hh`, `+hhmm` or `+hh:mm` (or with '-'; at most 18:00).
//   Without a zone the time is UTC. A bare 4-digit string is therefore a year, as in
//   Elasticsearch.
// - Epoch milliseconds: an optional '-', digits, and an optional fraction (`"1"`,
//   `"131485996510.000000"`); fraction digits past nanoseconds are dropped.
TimestampStatus ParseTimestampString(std::string_view text, int64_t* nanos);

// Parses the text of a JSON number as epoch milliseconds, exponent allowed (`1.5e3`).
// Digits past nanoseconds are dropped (truncated toward zero).
TimestampStatus ParseEpochMillisNumber(std::string_view token, int64_t* nanos);

// Converts integer epoch milliseconds.
TimestampStatus EpochMillisToNanos(int64_t millis, int64_t* nanos);

}  // namespace eql
