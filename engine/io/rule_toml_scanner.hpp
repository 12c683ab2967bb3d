// The fast reader of detection-rules TOML files: a scanner for the part of TOML that rule
// files use, which extracts the `[rule]` keys that LoadRuleFile needs. It accepts a file only
// when it is sure the file is valid TOML and that toml++ would read the same values from it.
// For anything else it returns nothing, and the caller parses the file with toml++.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eql::detail {

// The `[rule]` keys a rule file is loaded from, whichever TOML reader found them. A key that
// is absent, or whose value is not a string, is empty; `index` keeps the string elements of
// an array.
struct RuleTableFields {
    bool has_rule_table = false;                     // the document has a `rule` table
    std::optional<std::string> language;
    std::optional<std::string> query;
    std::optional<std::string> rule_id;
    std::optional<std::string> name;
    std::optional<std::string> timestamp_override;
    std::optional<std::string> event_category_override;
    std::optional<std::string> tiebreaker_field;
    std::vector<std::string> index;
    uint32_t query_value_offset = 0;                 // byte offset of the query's opening quote
};

// Scans a whole TOML file. Returns the rule fields when the file is valid and lies within the
// scanner's subset of TOML. Returns nothing when the file needs toml++, because it is invalid
// or uses something the scanner does not handle. Examples are a dotted key in a key/value
// pair, an escape in a quoted key, a carriage return, a date-time with a space, and a `[rule]`
// key whose value is not a string (or, for `index`, not an array of strings).
std::optional<RuleTableFields> ScanRuleToml(std::string_view text);

}  // namespace eql::detail
