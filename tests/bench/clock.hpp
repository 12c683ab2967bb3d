// Time values of the benchmark generator: ticks of 100 ns since the Unix epoch, the resolution
// of the seven fractional digits that Elastic Defend writes in @timestamp.
#pragma once

#include <cstdint>
#include <string>

namespace eql::bench {

inline constexpr int64_t kTicksPerMillisecond = 10'000;
inline constexpr int64_t kTicksPerSecond = 10'000'000;

// Appends `ticks` as ISO-8601 UTC with seven fractional digits: 2024-05-13T08:00:00.1234567Z.
void AppendTimestamp(std::string& out, int64_t ticks);

// Appends `ticks` truncated to whole seconds, as Elastic writes event.ingested:
// 2024-05-13T08:00:21Z.
void AppendTimestampSeconds(std::string& out, int64_t ticks);

// Returns the ticks of a UTC civil date and time.
int64_t TicksFromCivil(int year, int month, int day, int hour, int minute, int second);

}  // namespace eql::bench
