// Timestamp parsing: ISO-8601 date-times and epoch milliseconds to int64 nanoseconds, with
// every digit kept exactly (no floating point). Entry points ParseTimestampString and
// ParseEpochMillisNumber.
#include "engine/io/timestamp.hpp"

#include <limits>

#include "engine/io/civil_date.hpp"

namespace eql {

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kNanosPerMilli = 1'000'000;
constexpr int kMaxOffsetSeconds = 18 * 3600;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at *position.
bool ReadDigits(std::string_view text, size_t* position, size_t count, int* value) {
    if (*position + count > text.size()) {
        return false;
    }
    int result = 0;
    for (size_t i = 0; i < count; ++i) {
        char c = text[*position + i];
        if (!IsDigit(c)) {
            return false;
        }
        result = result * 10 + (c - '0');
    }
    *position += count;
    *value = result;
    return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

struct DateTime {
    int year = 0;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int64_t fraction_nanos = 0;
    int offset_seconds = 0;  // local time minus UTC
};

// Reads the time of day that follows `T`, with an optional fraction of a second.
bool ReadTime(std::string_view text, size_t* position, DateTime* out) {
    if (!ReadDigits(text, position, 2, &out->hour)) {
        return false;
    }
    if (*position < text.size() && text[*position] == ':') {
        ++*position;
        if (!ReadDigits(text, position, 2, &out->minute)) {
            return false;
        }
        if (*position < text.size() && text[*position] == ':') {
            ++*position;
            if (!ReadDigits(text, position, 2, &out->second)) {
                return false;
            }
            if (*position < text.size() && (text[*position] == '.' || text[*position] == ',')) {
                ++*position;
                int64_t scale = kNanosPerSecond;
                size_t digits = 0;
                while (*position < text.size() && IsDigit(text[*position])) {
                    if (++digits > 9) {
                        return false;
                    }
                    scale /= 10;
                    out->fraction_nanos += (text[*position] - '0') * scale;
                    ++*position;
                }
                if (digits == 0) {
                    return false;
                }
            }
        }
    }
    return out->hour <= 23 && out->minute <= 59 && out->second <= 59;
}

// Reads `Z`, `+hh`, `+hhmm` or `+hh:mm` (or with '-').
bool ReadZone(std::string_view text, size_t* position, DateTime* out) {
    char sign = text[*position];
    ++*position;
    if (sign == 'Z') {
        return true;
    }
    if (sign != '+' && sign != '-') {
        return false;
    }
    int hours = 0;
    int minutes = 0;
    if (!ReadDigits(text, position, 2, &hours)) {
        return false;
    }
    if (*position < text.size()) {
        if (text[*position] == ':') {
            ++*position;
        }
        if (!ReadDigits(text, position, 2, &minutes) || minutes > 59) {
            return false;
        }
    }
    int seconds = hours * 3600 + minutes * 60;
    if (seconds > kMaxOffsetSeconds) {
        return false;
    }
    out->offset_seconds = sign == '-' ? -seconds : seconds;
    return true;
}

bool ReadIso(std::string_view text, DateTime* out) {
    size_t position = 0;
    if (!ReadDigits(text, &position, 4, &out->year)) {
        return false;
    }
    if (position < text.size()) {
        if (text[position++] != '-' || !ReadDigits(text, &position, 2, &out->month)) {
            return false;
        }
        if (out->month < 1 || out->month > 12) {
            return false;
        }
    }
    if (position < text.size()) {
        if (text[position++] != '-' || !ReadDigits(text, &position, 2, &out->day)) {
            return false;
        }
        if (out->day < 1 || out->day > DaysInMonth(out->year, out->month)) {
            return false;
        }
    }
    if (position < text.size()) {
        if (text[position++] != 'T' || !ReadTime(text, &position, out)) {
            return false;
        }
        if (position < text.size() && !ReadZone(text, &position, out)) {
            return false;
        }
    }
    return position == text.size();
}

TimestampStatus ToNanos(const DateTime& time, int64_t* nanos) {
    int64_t days = DaysFromCivil(time.year, time.month, time.day);
    int64_t seconds = days * 86400 + time.hour * 3600 + time.minute * 60 + time.second -
                      time.offset_seconds;
    int64_t fraction = time.fraction_nanos;
    if (seconds < 0 && fraction > 0) {
        // Borrow a second so that the product stays in range near the lower limit.
        seconds += 1;
        fraction -= kNanosPerSecond;
    }
    int64_t result = 0;
    if (__builtin_mul_overflow(seconds, kNanosPerSecond, &result) ||
        __builtin_add_overflow(result, fraction, &result)) {
        return TimestampStatus::kOutOfRange;
    }
    *nanos = result;
    return TimestampStatus::kOk;
}

// Builds nanoseconds from the digits `integer` `fraction` times 10^exponent milliseconds.
// Digits below one nanosecond are dropped.
TimestampStatus DecimalMillisToNanos(bool negative, std::string_view integer,
                                     std::string_view fraction, int64_t exponent,
                                     int64_t* nanos) {
    // The value is the integer formed by all digits, times 10^scale nanoseconds.
    int64_t scale = exponent - static_cast<int64_t>(fraction.size()) + 6;
    size_t total = integer.size() + fraction.size();
    size_t kept = total;
    if (scale < 0) {
        kept = static_cast<size_t>(-scale) >= total ? 0 : total - static_cast<size_t>(-scale);
        scale = 0;
    }

    uint64_t value = 0;
    constexpr uint64_t kLimit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    for (size_t i = 0; i < kept; ++i) {
        char c = i < integer.size() ? integer[i] : fraction[i - integer.size()];
        if (value > (kLimit - (c - '0')) / 10) {
            return TimestampStatus::kOutOfRange;
        }
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    for (int64_t i = 0; i < scale && value != 0; ++i) {
        if (value > kLimit / 10) {
            return TimestampStatus::kOutOfRange;
        }
        value *= 10;
    }
    int64_t result = static_cast<int64_t>(value);
    *nanos = negative ? -result : result;
    return TimestampStatus::kOk;
}

size_t CountDigits(std::string_view text, size_t position) {
    size_t end = position;
    while (end < text.size() && IsDigit(text[end])) {
        ++end;
    }
    return end - position;
}

// Parses `-?digits(.digits)?` and, when allowed, an exponent.
TimestampStatus ParseDecimalMillis(std::string_view text, bool allow_exponent, int64_t* nanos) {
    size_t position = 0;
    bool negative = position < text.size() && text[position] == '-';
    position += negative ? 1 : 0;
    size_t integer_digits = CountDigits(text, position);
    if (integer_digits == 0) {
        return TimestampStatus::kInvalid;
    }
    std::string_view integer = text.substr(position, integer_digits);
    position += integer_digits;

    std::string_view fraction;
    if (position < text.size() && text[position] == '.') {
        size_t fraction_digits = CountDigits(text, position + 1);
        if (fraction_digits == 0) {
            return TimestampStatus::kInvalid;
        }
        fraction = text.substr(position + 1, fraction_digits);
        position += 1 + fraction_digits;
    }

    int64_t exponent = 0;
    if (allow_exponent && position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
        ++position;
        bool exponent_negative = position < text.size() && text[position] == '-';
        if (position < text.size() && (text[position] == '-' || text[position] == '+')) {
            ++position;
        }
        size_t exponent_digits = CountDigits(text, position);
        if (exponent_digits == 0) {
            return TimestampStatus::kInvalid;
        }
        // Past 10^6 the value is zero or out of range anyway, so the exponent saturates there.
        for (size_t i = 0; i < exponent_digits; ++i) {
            exponent = std::min<int64_t>(exponent * 10 + (text[position + i] - '0'), 1'000'000);
        }
        exponent = exponent_negative ? -exponent : exponent;
        position += exponent_digits;
    }
    if (position != text.size()) {
        return TimestampStatus::kInvalid;
    }
    return DecimalMillisToNanos(negative, integer, fraction, exponent, nanos);
}

}  // namespace

// Known gap: the ISO-8601 basic format (20220404T185200Z), week and ordinal dates, and a
// lower-case 't' or 'z' are not accepted, so such timestamps are reported invalid.
TimestampStatus ParseTimestampString(std::string_view text, int64_t* nanos) {
    // A date needs its 4-digit year and a '-' after it, or exactly 4 digits.
    bool looks_like_date = text.size() >= 4 && CountDigits(text, 0) == 4 &&
                           (text.size() == 4 || text[4] == '-');
    if (looks_like_date) {
        DateTime time;
        if (!ReadIso(text, &time)) {
            return TimestampStatus::kInvalid;
        }
        return ToNanos(time, nanos);
    }
    return ParseDecimalMillis(text, false, nanos);
}

TimestampStatus ParseEpochMillisNumber(std::string_view token, int64_t* nanos) {
    return ParseDecimalMillis(token, true, nanos);
}

TimestampStatus EpochMillisToNanos(int64_t millis, int64_t* nanos) {
    if (__builtin_mul_overflow(millis, kNanosPerMilli, nanos)) {
        return TimestampStatus::kOutOfRange;
    }
    return TimestampStatus::kOk;
}

}  // namespace eql
