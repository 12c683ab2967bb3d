// Formatting of generator timestamps as ISO-8601 UTC text (AppendTimestamp). Dates use the
// proleptic Gregorian calendar. Day counts are split into 400-year eras of 146,097 days, and
// years are counted from March, so that the leap day falls at the end of a year.
#include "tests/bench/clock.hpp"

namespace eql::bench {
namespace {

struct CivilDate {
    int year;
    int month;
    int day;
};

CivilDate CivilFromDays(int64_t days) {
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t day_of_era = days - era * 146097;
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t shifted_month = (5 * day_of_year + 2) / 153;
    int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return {static_cast<int>(year), month, day};
}

int64_t DaysFromCivil(int year, int month, int day) {
    int64_t y = month <= 2 ? year - 1 : year;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t year_of_era = y - era * 400;
    int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

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
