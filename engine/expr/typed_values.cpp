// Version precedence and date parsing for comparisons on version and date fields.
#include "engine/expr/typed_values.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "engine/io/civil_date.hpp"

namespace eql::expr {

namespace {

struct ParsedVersion {
    std::vector<std::string_view> main;        // numeric identifiers
    std::vector<std::string_view> prerelease;  // after '-', before '+'
};

bool IsDigits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        size_t at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) {
            return parts;
        }
        text.remove_prefix(at + 1);
    }
}

std::optional<ParsedVersion> ParseVersion(std::string_view text) {
    size_t plus = text.find('+');
    if (plus != std::string_view::npos) {
        std::string_view build = text.substr(plus + 1);
        for (std::string_view part : Split(build, '.')) {
            if (part.empty() || part.find_first_not_of(
                    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") !=
                    std::string_view::npos) {
                return std::nullopt;
            }
        }
        text = text.substr(0, plus);
    }
    ParsedVersion version;
    size_t dash = text.find('-');
    for (std::string_view part : Split(text.substr(0, dash), '.')) {
        if (!IsDigits(part) || (part.size() > 1 && part[0] == '0')) {
            return std::nullopt;
        }
        version.main.push_back(part);
    }
    if (dash != std::string_view::npos) {
        for (std::string_view part : Split(text.substr(dash + 1), '.')) {
            if (part.empty() || part.find_first_not_of(
                    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") !=
                    std::string_view::npos) {
                return std::nullopt;
            }
            version.prerelease.push_back(part);
        }
    }
    return version;
}

int CompareNumericText(std::string_view a, std::string_view b) {
    while (a.size() > 1 && a[0] == '0') {
        a.remove_prefix(1);
    }
    while (b.size() > 1 && b[0] == '0') {
        b.remove_prefix(1);
    }
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    int order = a.compare(b);
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

int CompareIdentifiers(std::string_view a, std::string_view b) {
    bool a_numeric = IsDigits(a);
    bool b_numeric = IsDigits(b);
    if (a_numeric && b_numeric) {
        return CompareNumericText(a, b);
    }
    if (a_numeric != b_numeric) {
        return a_numeric ? -1 : 1;
    }
    int order = a.compare(b);
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

int CompareParsed(const ParsedVersion& a, const ParsedVersion& b) {
    size_t parts = std::max(a.main.size(), b.main.size());
    for (size_t i = 0; i < parts; ++i) {
        std::string_view x = i < a.main.size() ? a.main[i] : "0";
        std::string_view y = i < b.main.size() ? b.main[i] : "0";
        if (int order = CompareNumericText(x, y)) {
            return order;
        }
    }
    if (a.prerelease.empty() != b.prerelease.empty()) {
        return a.prerelease.empty() ? 1 : -1;
    }
    size_t count = std::min(a.prerelease.size(), b.prerelease.size());
    for (size_t i = 0; i < count; ++i) {
        if (int order = CompareIdentifiers(a.prerelease[i], b.prerelease[i])) {
            return order;
        }
    }
    if (a.prerelease.size() != b.prerelease.size()) {
        return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
    }
    return 0;
}

}  // namespace

bool IsValidVersion(std::string_view text) { return ParseVersion(text).has_value(); }

int CompareVersions(std::string_view a, std::string_view b) {
    auto x = ParseVersion(a);
    auto y = ParseVersion(b);
    if (x && y) {
        if (int order = CompareParsed(*x, *y)) {
            return order;
        }
    } else if (x || y) {
        return x ? -1 : 1;
    }
    int order = a.compare(b);
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

namespace {

bool ReadDigits(std::string_view& text, size_t count, int& out) {
    if (text.size() < count) {
        return false;
    }
    out = 0;
    for (size_t i = 0; i < count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        out = out * 10 + (text[i] - '0');
    }
    text.remove_prefix(count);
    return true;
}

bool ReadZone(std::string_view& text, int64_t& offset_seconds) {
    offset_seconds = 0;
    if (text.empty()) {
        return true;
    }
    if (text == "Z" || text == "z") {
        text = {};
        return true;
    }
    if (text[0] != '+' && text[0] != '-') {
        return false;
    }
    int sign = text[0] == '-' ? -1 : 1;
    text.remove_prefix(1);
    int hours = 0;
    int minutes = 0;
    if (!ReadDigits(text, 2, hours)) {
        return false;
    }
    if (!text.empty() && text[0] == ':') {
        text.remove_prefix(1);
    }
    if (!text.empty() && !ReadDigits(text, 2, minutes)) {
        return false;
    }
    offset_seconds = sign * (hours * 3600 + minutes * 60);
    return text.empty();
}

}  // namespace

std::optional<int64_t> ParseIsoDateNanos(std::string_view text) {
    int year = 0;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int64_t fraction_ns = 0;
    // A bare year is left to the epoch-millisecond reading, so "2017" stays a number.
    if (!ReadDigits(text, 4, year) || text.empty() || text[0] != '-') {
        return std::nullopt;
    }
    text.remove_prefix(1);
    if (!ReadDigits(text, 2, month)) {
        return std::nullopt;
    }
    if (!text.empty() && text[0] == '-') {
        text.remove_prefix(1);
        if (!ReadDigits(text, 2, day)) {
            return std::nullopt;
        }
    }
    if (!text.empty() && (text[0] == 'T' || text[0] == 't')) {
        text.remove_prefix(1);
        if (!ReadDigits(text, 2, hour)) {
            return std::nullopt;
        }
        if (!text.empty() && text[0] == ':') {
            text.remove_prefix(1);
            if (!ReadDigits(text, 2, minute)) {
                return std::nullopt;
            }
            if (!text.empty() && text[0] == ':') {
                text.remove_prefix(1);
                if (!ReadDigits(text, 2, second)) {
                    return std::nullopt;
                }
                if (!text.empty() && (text[0] == '.' || text[0] == ',')) {
                    text.remove_prefix(1);
                    int64_t scale = 100000000;
                    size_t digits = 0;
                    while (!text.empty() && text[0] >= '0' && text[0] <= '9') {
                        if (digits < 9) {
                            fraction_ns += (text[0] - '0') * scale;
                            scale /= 10;
                        }
                        ++digits;
                        text.remove_prefix(1);
                    }
                    if (digits == 0) {
                        return std::nullopt;
                    }
                }
            }
        }
    }
    int64_t offset_seconds = 0;
    if (!ReadZone(text, offset_seconds) || month < 1 || month > 12 || day < 1 || day > 31 ||
        hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                      second - offset_seconds;
    return seconds * 1000000000 + fraction_ns;
}

std::optional<int64_t> ParseDateNanos(std::string_view text) {
    if (auto iso = ParseIsoDateNanos(text)) {
        return iso;
    }

    // Epoch milliseconds, possibly negative or with a fraction, read exactly to the nanosecond
    // (a double would lose the last digits of "131486022294.365140").
    bool negative = !text.empty() && text[0] == '-';
    std::string_view digits = negative ? text.substr(1) : text;
    size_t point = digits.find('.');
    std::string_view whole = digits.substr(0, point);
    std::string_view fraction = point == std::string_view::npos ? "" : digits.substr(point + 1);
    bool valid = !whole.empty() && whole.size() <= 13 &&
                 whole.find_first_not_of("0123456789") == std::string_view::npos &&
                 fraction.find_first_not_of("0123456789") == std::string_view::npos &&
                 (point == std::string_view::npos || !fraction.empty());
    if (!valid) {
        return std::nullopt;
    }
    int64_t millis = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), millis);
    int64_t nanos = 0;
    int64_t scale = 100000;
    for (size_t i = 0; i < fraction.size() && i < 6; ++i) {
        nanos += (fraction[i] - '0') * scale;
        scale /= 10;
    }
    int64_t total = millis * 1000000 + nanos;
    return negative ? -total : total;
}

}  // namespace eql::expr
