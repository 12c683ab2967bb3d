// Indexed values of the QA documents: `null_value` substitution and date fields read with their
// mapping's format into epoch milliseconds. Entry points: ParseDateWithFormat and
// IndexDocumentValues.
#include "tests/conformance/doc_values.hpp"

#include <string>
#include <vector>

#include "engine/io/civil_date.hpp"
#include "engine/io/timestamp.hpp"

namespace eql::conformance {

using nlohmann::ordered_json;

namespace {

constexpr std::string_view kDefaultDateFormat = "strict_date_optional_time||epoch_millis";

// Reads exactly `width` digits at `text[*at]`.
std::optional<int64_t> ReadDigits(std::string_view text, size_t* at, size_t width) {
    if (*at + width > text.size()) {
        return std::nullopt;
    }
    int64_t value = 0;
    for (size_t i = 0; i < width; ++i) {
        char c = text[*at + i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    *at += width;
    return value;
}

struct DateParts {
    int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
};

// Stores one pattern letter run (such as "yyyy") read from `text` into `parts`.
bool ReadField(char letter, size_t width, std::string_view text, size_t* at, DateParts& parts) {
    std::optional<int64_t> value = ReadDigits(text, at, width);
    if (!value) {
        return false;
    }
    switch (letter) {
        case 'y': parts.year = *value; return true;
        case 'M': parts.month = *value; return *value >= 1 && *value <= 12;
        case 'd': parts.day = *value; return *value >= 1 && *value <= 31;
        case 'H': parts.hour = *value; return *value <= 23;
        case 'm': parts.minute = *value; return *value <= 59;
        case 's': parts.second = *value; return *value <= 59;
        case 'S': parts.millis = *value; return width == 3;
        default: return false;
    }
}

// Reads `text` with one Java-style pattern such as "dd-MM-yyyy".
std::optional<int64_t> ParsePattern(std::string_view text, std::string_view pattern) {
    DateParts parts;
    size_t at = 0;
    for (size_t p = 0; p < pattern.size();) {
        char c = pattern[p];

        // Quoted literal text.
        if (c == '\'') {
            size_t close = pattern.find('\'', p + 1);
            if (close == std::string_view::npos) {
                return std::nullopt;
            }
            std::string_view literal = pattern.substr(p + 1, close - p - 1);
            if (text.substr(at, literal.size()) != literal) {
                return std::nullopt;
            }
            at += literal.size();
            p = close + 1;
            continue;
        }

        // A run of one pattern letter, or a literal character.
        size_t run = 1;
        while (p + run < pattern.size() && pattern[p + run] == c) {
            ++run;
        }
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter ? !ReadField(c, run, text, &at, parts)
                   : text.substr(at, run) != pattern.substr(p, run)) {
            return std::nullopt;
        }
        at += letter ? 0 : run;
        p += run;
    }
    if (at != text.size()) {
        return std::nullopt;
    }
    int64_t days = DaysFromCivil(parts.year, parts.month, parts.day);
    int64_t seconds = ((days * 24 + parts.hour) * 60 + parts.minute) * 60 + parts.second;
    return seconds * 1000 + parts.millis;
}

// Reads `text` with one named format or pattern.
std::optional<int64_t> ParseOneFormat(std::string_view text, std::string_view format) {
    if (format == "strict_date_optional_time" || format == "date_optional_time" ||
        format == "strict_date_optional_time_nanos") {
        int64_t nanos = 0;
        bool digits_only = text.find_first_not_of("0123456789") == std::string_view::npos;
        if (digits_only && text.size() != 4) {
            return std::nullopt;  // epoch millis are a separate format
        }
        if (ParseTimestampString(text, &nanos) != TimestampStatus::kOk) {
            return std::nullopt;
        }
        return nanos >= 0 ? nanos / 1'000'000 : -((-nanos + 999'999) / 1'000'000);
    }
    if (format == "epoch_millis") {
        if (text.empty() || text.size() > 18 ||
            text.find_first_not_of("0123456789") != std::string_view::npos) {
            return std::nullopt;
        }
        return std::stoll(std::string(text));
    }
    return ParsePattern(text, format);
}

// Splits epoch milliseconds into calendar fields (proleptic Gregorian, UTC).
DateParts CivilFromMillis(int64_t millis) {
    int64_t days = millis >= 0 ? millis / 86'400'000 : -((-millis + 86'399'999) / 86'400'000);
    int64_t in_day = millis - days * 86'400'000;
    CivilDate date = CivilFromDays(days);
    DateParts parts;
    parts.year = date.year;
    parts.month = date.month;
    parts.day = date.day;
    parts.hour = in_day / 3'600'000;
    parts.minute = in_day / 60'000 % 60;
    parts.second = in_day / 1000 % 60;
    parts.millis = in_day % 1000;
    return parts;
}

// Writes `parts` with one Java-style pattern such as "dd-MM-yyyy".
std::string WritePattern(const DateParts& parts, std::string_view pattern) {
    std::string out;
    for (size_t p = 0; p < pattern.size();) {
        char c = pattern[p];
        if (c == '\'') {
            size_t close = pattern.find('\'', p + 1);
            close = close == std::string_view::npos ? pattern.size() : close;
            out.append(pattern.substr(p + 1, close - p - 1));
            p = close + 1;
            continue;
        }
        size_t run = 1;
        while (p + run < pattern.size() && pattern[p + run] == c) {
            ++run;
        }
        int64_t value = -1;
        switch (c) {
            case 'y': value = parts.year; break;
            case 'M': value = parts.month; break;
            case 'd': value = parts.day; break;
            case 'H': value = parts.hour; break;
            case 'm': value = parts.minute; break;
            case 's': value = parts.second; break;
            case 'S': value = parts.millis; break;
            default: break;
        }
        if (value < 0) {
            out.append(pattern.substr(p, run));
        } else {
            std::string digits = std::to_string(value);
            out.append(run > digits.size() ? run - digits.size() : 0, '0');
            out.append(digits);
        }
        p += run;
    }
    return out;
}

// Rewrites one leaf value (or each element of an array of them) under `field`'s mapping.
void IndexLeaf(ordered_json& value, const ordered_json& field) {
    if (value.is_array()) {
        for (ordered_json& element : value) {
            IndexLeaf(element, field);
        }
        return;
    }
    if (value.is_null() && field.contains("null_value")) {
        value = field.at("null_value");
        return;
    }
    bool date = field.value("type", "") == "date";
    if (date && value.is_string()) {
        std::string format = field.value("format", std::string(kDefaultDateFormat));
        std::optional<int64_t> millis = ParseDateWithFormat(value.get<std::string>(), format);
        if (millis) {
            value = *millis;
        }
    }
}

// Returns the mapping of `key` (a dotted key is a path) under `node`, or null when unmapped.
const ordered_json* FindField(const ordered_json& node, const std::string& key) {
    const ordered_json* field = &node;
    size_t begin = 0;
    while (true) {
        auto properties = field->find("properties");
        if (properties == field->end() || !properties->is_object()) {
            return nullptr;
        }
        size_t dot = key.find('.', begin);
        std::string segment = key.substr(begin, dot == std::string::npos ? dot : dot - begin);
        auto child = properties->find(segment);
        if (child == properties->end()) {
            return nullptr;
        }
        field = &*child;
        if (dot == std::string::npos) {
            return field;
        }
        begin = dot + 1;
    }
}

// Walks `object` beside its mapping node (one with "properties").
void IndexObject(ordered_json& object, const ordered_json& node) {
    if (!object.is_object()) {
        return;
    }
    for (auto& [key, value] : object.items()) {
        const ordered_json* field = FindField(node, key);
        if (field == nullptr) {
            continue;
        }
        if (!field->contains("properties")) {
            IndexLeaf(value, *field);
        } else if (value.is_array()) {
            for (ordered_json& element : value) {
                IndexObject(element, *field);
            }
        } else {
            IndexObject(value, *field);
        }
    }
}

}  // namespace

std::optional<int64_t> ParseDateWithFormat(std::string_view text, std::string_view format) {
    if (format.empty()) {
        format = kDefaultDateFormat;
    }
    size_t begin = 0;
    while (begin <= format.size()) {
        size_t end = format.find("||", begin);
        end = end == std::string_view::npos ? format.size() : end;
        std::optional<int64_t> millis = ParseOneFormat(text, format.substr(begin, end - begin));
        if (millis) {
            return millis;
        }
        begin = end + 2;
    }
    return std::nullopt;
}

std::string FormatDateWithFormat(int64_t millis, std::string_view format) {
    std::string_view first = format.substr(0, format.find("||"));
    if (first.empty() || first == "strict_date_optional_time" || first == "date_optional_time" ||
        first == "strict_date_optional_time_nanos") {
        return WritePattern(CivilFromMillis(millis), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    }
    if (first == "epoch_millis") {
        return std::to_string(millis);
    }
    return WritePattern(CivilFromMillis(millis), first);
}

namespace {

void CollectDateFormats(const ordered_json& node, const std::string& prefix,
                        std::map<std::string, std::string>& formats) {
    auto properties = node.find("properties");
    if (properties == node.end() || !properties->is_object()) {
        return;
    }
    for (const auto& [name, field] : properties->items()) {
        std::string path = prefix + name;
        if (field.value("type", "") == "date") {
            formats[path] = field.value("format", "");
        }
        CollectDateFormats(field, path + ".", formats);
    }
}

}  // namespace

std::map<std::string, std::string> DateFieldFormats(const ordered_json& mapping) {
    std::map<std::string, std::string> formats;
    CollectDateFormats(mapping, "", formats);
    return formats;
}

void IndexDocumentValues(ordered_json& document, const ordered_json& mapping) {
    IndexObject(document, mapping);
}

}  // namespace eql::conformance
