// Bare scalars for the fast rule-file scanner: booleans, decimal integers, floats and dates,
// accepted only in forms that toml++ 3.3 reads without error. ScanBareScalar is the entry
// point; it takes the scalar's bytes as one token and checks the token's form.
#include <cstddef>
#include <string_view>

#include "engine/io/toml_scan_values.hpp"

namespace eql::detail {
namespace {

// toml++ reads a number in a buffer of 128 bytes; this bound keeps far away from it.
constexpr size_t kMaxTokenLength = 40;

// A run of decimal digits with single underscores between digits, read from a token.
struct DigitRun {
    size_t end = 0;       // index just past the run
    size_t digits = 0;    // digits, without underscores
    bool valid = false;
};

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

DigitRun ReadDigits(std::string_view token, size_t at) {
    DigitRun run;
    run.end = at;
    while (run.end < token.size()) {
        char c = token[run.end];
        if (IsDigit(c)) {
            ++run.digits;
        } else if (c != '_' || run.end == at || !IsDigit(token[run.end - 1]) ||
                   run.end + 1 >= token.size() || !IsDigit(token[run.end + 1])) {
            break;
        }
        ++run.end;
    }
    run.valid = run.digits > 0;
    return run;
}

// The integer part of a number: "0", or digits without a leading zero.
DigitRun ReadIntegerPart(std::string_view token, size_t at) {
    DigitRun run = ReadDigits(token, at);
    if (run.valid && token[at] == '0' && run.digits > 1) {
        run.valid = false;
    }
    return run;
}

bool IsDecimalNumber(std::string_view token) {
    size_t at = (token[0] == '+' || token[0] == '-') ? 1 : 0;
    DigitRun integer = ReadIntegerPart(token, at);
    if (!integer.valid) {
        return false;
    }
    at = integer.end;
    if (at == token.size()) {
        return integer.digits <= 18;  // always within 64 bits
    }

    bool fraction_or_exponent = false;
    if (token[at] == '.') {
        DigitRun fraction = ReadDigits(token, at + 1);
        if (!fraction.valid) {
            return false;
        }
        at = fraction.end;
        fraction_or_exponent = true;
    }
    if (at < token.size() && (token[at] == 'e' || token[at] == 'E')) {
        ++at;
        if (at < token.size() && (token[at] == '+' || token[at] == '-')) {
            ++at;
        }
        DigitRun exponent = ReadDigits(token, at);
        if (!exponent.valid || exponent.digits > 2) {
            return false;  // a larger exponent may overflow, which toml++ rejects
        }
        at = exponent.end;
        fraction_or_exponent = true;
    }
    return fraction_or_exponent && at == token.size();
}

// Reads exactly `count` digits at `at` as a number; returns -1 when they are not all digits.
int ReadFixedDigits(std::string_view token, size_t at, size_t count) {
    if (at + count > token.size()) {
        return -1;
    }
    int value = 0;
    for (size_t i = at; i < at + count; ++i) {
        if (!IsDigit(token[i])) {
            return -1;
        }
        value = value * 10 + (token[i] - '0');
    }
    return value;
}

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// YYYY-MM-DD with a day that exists in that month.
bool IsFullDate(std::string_view token) {
    int year = ReadFixedDigits(token, 0, 4);
    int month = ReadFixedDigits(token, 5, 2);
    int day = ReadFixedDigits(token, 8, 2);
    if (year < 0 || token[4] != '-' || token[7] != '-' || month < 1 || month > 12) {
        return false;
    }
    return day >= 1 && day <= DaysInMonth(year, month);
}

// HH:MM:SS at `at`, then an optional fraction of one to nine digits; returns the index past it
// or 0.
size_t ReadTime(std::string_view token, size_t at) {
    int hour = ReadFixedDigits(token, at, 2);
    int minute = ReadFixedDigits(token, at + 3, 2);
    int second = ReadFixedDigits(token, at + 6, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
        token[at + 2] != ':' || token[at + 5] != ':') {
        return 0;
    }
    size_t end = at + 8;
    if (end < token.size() && token[end] == '.') {
        size_t digits = 0;
        while (end + 1 + digits < token.size() && IsDigit(token[end + 1 + digits])) {
            ++digits;
        }
        if (digits == 0 || digits > 9) {
            return 0;
        }
        end += 1 + digits;
    }
    return end;
}

// A local date, or a date-time with an upper-case 'T' and an optional 'Z' or +HH:MM offset.
bool IsDateTime(std::string_view token) {
    if (token.size() < 10 || !IsFullDate(token)) {
        return false;
    }
    if (token.size() == 10) {
        return true;
    }
    if (token[10] != 'T') {
        return false;
    }
    size_t end = ReadTime(token, 11);
    if (end == 0 || end == token.size()) {
        return end != 0;
    }
    if (token[end] == 'Z') {
        return end + 1 == token.size();
    }
    if (token[end] != '+' && token[end] != '-') {
        return false;
    }
    int hour = ReadFixedDigits(token, end + 1, 2);
    int minute = ReadFixedDigits(token, end + 4, 2);
    return end + 6 == token.size() && token[end + 3] == ':' && hour >= 0 && hour <= 23 &&
           minute >= 0 && minute <= 59;
}

}  // namespace

bool ScanBareScalar(TomlCursor& cursor) {
    size_t begin = cursor.position();
    cursor.SkipClass(kScalarToken);
    std::string_view token = cursor.Slice(begin, cursor.position());
    if (token.empty() || token.size() > kMaxTokenLength) {
        return false;
    }
    if (token == "true" || token == "false") {
        return true;
    }
    if (token.size() >= 10 && token[4] == '-' && IsDigit(token[0])) {
        return IsDateTime(token);
    }
    return IsDecimalNumber(token);
}

}  // namespace eql::detail
