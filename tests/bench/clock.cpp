// Formatting of generator timestamps as ISO-8601 UTC text (AppendTimestamp). Dates use the
// proleptic Gregorian calendar. Day counts are split into 400-year eras of 146,097 days, and
// years are counted from March, so that the leap day falls at the end of a year.
#include "tests/bench/clock.hpp"

#include "engine/io/civil_date.hpp"

namespace eql::bench {
namespace {

void AppendDigits(std::string& out, int64_t value, int width) {
    char digits[20];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(digits, static_cast<size_t>(width));
}

// Appends "YYYY-MM-DDTHH:MM:SS" for a non-negative tick count.
void AppendDateTime(std::string& out, int64_t ticks) {
    int64_t seconds = ticks / kTicksPerSecond;
    int64_t days = seconds / 86400;
    int64_t second_of_day = seconds % 86400;
    CivilDate date = CivilFromDays(days);

    AppendDigits(out, date.year, 4);
    out.push_back('-');
    AppendDigits(out, date.month, 2);
    out.push_back('-');
    AppendDigits(out, date.day, 2);
    out.push_back('T');
    AppendDigits(out, second_of_day / 3600, 2);
    out.push_back(':');
    AppendDigits(out, second_of_day / 60 % 60, 2);
    out.push_back(':');
    AppendDigits(out, second_of_day % 60, 2);
}

}  // namespace

void AppendTimestamp(std::string& out, int64_t ticks) {
    AppendDateTime(out, ticks);
    out.push_back('.');
    AppendDigits(out, ticks % kTicksPerSecond, 7);
    out.push_back('Z');
}

void AppendTimestampSeconds(std::string& out, int64_t ticks) {
    AppendDateTime(out, ticks);
    out.push_back('Z');
}

int64_t TicksFromCivil(int year, int month, int day, int hour, int minute, int second) {
    int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    return seconds * kTicksPerSecond;
}

}  // namespace eql::bench
