// The structure half of the fast rule-file scanner: lines, table headers, key/value pairs,
// arrays and inline tables, and the table tree that TOML's rules against redefinition are
// checked on. ScanRuleToml is the entry point. It gives up (returns nothing) on the first
// thing it is not sure of, and rule_file.cpp then parses the file with toml++.
#include "engine/io/rule_toml_scanner.hpp"

#include <array>

#include "engine/io/toml_scan_values.hpp"

namespace eql::detail {
namespace {

// Arrays and inline tables nest at most this deep; toml++ allows 256.
constexpr int kMaxValueDepth = 8;

constexpr uint32_t kNoNode = UINT32_MAX;

// The kind of thing a key names, with toml++'s rules for it. An implicit table (created as
// the parent in a header) may be defined once by its own header. An explicit table may not be
// defined again. An array of tables takes a new element at each of its headers. A value,
// inline tables included, is final.
enum class NodeKind : uint8_t { kImplicitTable, kExplicitTable, kArrayOfTables, kValue };

struct Node {
    std::string_view name;          // the key's name, a slice of the text
    NodeKind kind = NodeKind::kValue;
    uint32_t first_child = kNoNode;  // children of a table, or of an array's last element
    uint32_t next_sibling = kNoNode;
};

// The `[rule]` key, among those LoadRuleFile reads, that a value is scanned for.
enum class Field : uint8_t {
    kNone, kLanguage, kQuery, kRuleId, kName, kTimestampOverride, kEventCategoryOverride,
    kTiebreakerField, kIndex,
};

Field FieldOfKey(std::string_view key) {
    static constexpr std::array<std::pair<std::string_view, Field>, 8> kFields = {{
        {"language", Field::kLanguage},
        {"query", Field::kQuery},
        {"rule_id", Field::kRuleId},
        {"name", Field::kName},
        {"timestamp_override", Field::kTimestampOverride},
        {"event_category_override", Field::kEventCategoryOverride},
        {"tiebreaker_field", Field::kTiebreakerField},
        {"index", Field::kIndex},
    }};
    for (const auto& [name, field] : kFields) {
        if (key == name) {
            return field;
        }
    }
    return Field::kNone;
}

class RuleTomlScanner {
public:
    explicit RuleTomlScanner(std::string_view text) : cursor_(text) {
        nodes_.reserve(128);
        nodes_.push_back(Node{"", NodeKind::kExplicitTable});
    }

    std::optional<RuleTableFields> Scan();

private:
    bool ScanLine();
    bool FinishLine();
    bool ScanHeader();
    bool ScanKeyValue();
    bool ScanKey(std::string_view* name);
    bool ScanValue(int depth);
    bool ScanArray(int depth);
    bool ScanInlineTable(int depth);
    bool SkipArraySpace();
    bool ScanFieldValue(Field field);
    bool CheckRuleTable();

    uint32_t FindChild(uint32_t parent, std::string_view name) const;
    uint32_t AddChild(uint32_t parent, std::string_view name, NodeKind kind);

    TomlCursor cursor_;
    std::vector<Node> nodes_;        // nodes_[0] is the root table
    uint32_t current_ = 0;           // the table that key/value pairs go into
    uint32_t rule_node_ = kNoNode;   // the root's `rule` key, once seen
    RuleTableFields fields_;
};

uint32_t RuleTomlScanner::FindChild(uint32_t parent, std::string_view name) const {
    for (uint32_t child = nodes_[parent].first_child; child != kNoNode;
         child = nodes_[child].next_sibling) {
        if (nodes_[child].name == name) {
            return child;
        }
    }
    return kNoNode;
}

uint32_t RuleTomlScanner::AddChild(uint32_t parent, std::string_view name, NodeKind kind) {
    auto index = static_cast<uint32_t>(nodes_.size());
    nodes_.push_back(Node{name, kind, kNoNode, nodes_[parent].first_child});
    nodes_[parent].first_child = index;
    if (parent == 0 && name == "rule") {
        rule_node_ = index;
    }
    return index;
}

std::optional<RuleTableFields> RuleTomlScanner::Scan() {
    while (!cursor_.AtEnd()) {
        if (!ScanLine()) {
            return std::nullopt;
        }
    }
    if (!CheckRuleTable()) {
        return std::nullopt;
    }
    return std::move(fields_);
}

// One line: blank, a comment, a table header or a key/value pair, then the newline.
bool RuleTomlScanner::ScanLine() {
    cursor_.SkipSpaces();
    char next = cursor_.Peek();
    if (next == '[') {
        if (!ScanHeader()) {
            return false;
        }
    } else if (next != '#' && next != '\n' && !cursor_.AtEnd()) {
        if (!ScanKeyValue()) {
            return false;
        }
    }
    return FinishLine();
}

// After a line's content: spaces, an optional comment, then a newline or the end of the text.
bool RuleTomlScanner::FinishLine() {
    cursor_.SkipSpaces();
    if (cursor_.Peek() == '#' && !ScanComment(cursor_)) {
        return false;
    }
    if (cursor_.AtEnd()) {
        return true;
    }
    if (cursor_.Peek() != '\n') {
        return false;
    }
    cursor_.Advance(1);
    return true;
}

bool RuleTomlScanner::ScanKey(std::string_view* name) {
    char next = cursor_.Peek();
    if (next == '"' || next == '\'') {
        return ScanQuotedKey(cursor_, name);
    }
    size_t begin = cursor_.position();
    cursor_.SkipClass(kBareKey);
    *name = cursor_.Slice(begin, cursor_.position());
    return !name->empty();
}

// `[a.b.c]` or `[[a.b.c]]`, without spaces inside the brackets. The keys before the last are
// walked: each is created as an implicit table where missing, and an array of tables is
// entered at its last element. The last key is then defined as a table or given a new
// array element.
bool RuleTomlScanner::ScanHeader() {
    bool array = cursor_.StartsWith("[[");
    cursor_.Advance(array ? 2 : 1);
    uint32_t parent = 0;
    std::string_view name;
    for (;;) {
        if (!ScanKey(&name)) {
            return false;
        }
        if (cursor_.Peek() != '.') {
            break;
        }
        cursor_.Advance(1);
        uint32_t child = FindChild(parent, name);
        if (child == kNoNode) {
            child = AddChild(parent, name, NodeKind::kImplicitTable);
        } else if (nodes_[child].kind == NodeKind::kValue) {
            return false;
        }
        parent = child;
    }
    if (!cursor_.StartsWith(array ? "]]" : "]")) {
        return false;
    }
    cursor_.Advance(array ? 2 : 1);

    uint32_t table = FindChild(parent, name);
    if (table == kNoNode) {
        table = AddChild(parent, name, array ? NodeKind::kArrayOfTables : NodeKind::kExplicitTable);
    } else if (array && nodes_[table].kind == NodeKind::kArrayOfTables) {
        nodes_[table].first_child = kNoNode;  // a new element; earlier ones are closed
    } else if (!array && nodes_[table].kind == NodeKind::kImplicitTable) {
        nodes_[table].kind = NodeKind::kExplicitTable;
    } else {
        return false;
    }
    current_ = table;
    return true;
}

bool RuleTomlScanner::ScanKeyValue() {
    std::string_view key;
    if (!ScanKey(&key)) {
        return false;
    }
    cursor_.SkipSpaces();
    if (cursor_.Peek() != '=') {
        return false;  // a dotted key, or no '=' at all
    }
    cursor_.Advance(1);
    cursor_.SkipSpaces();
    if (FindChild(current_, key) != kNoNode) {
        return false;
    }
    AddChild(current_, key, NodeKind::kValue);

    Field field = current_ == rule_node_ ? FieldOfKey(key) : Field::kNone;
    return field == Field::kNone ? ScanValue(0) : ScanFieldValue(field);
}

// A `[rule]` key that LoadRuleFile reads: a string, or for `index` an array of strings.
// Other types are left to toml++.
bool RuleTomlScanner::ScanFieldValue(Field field) {
    if (field == Field::kIndex) {
        if (cursor_.Peek() != '[') {
            return false;
        }
        cursor_.Advance(1);
        for (;;) {
            if (!SkipArraySpace()) {
                return false;
            }
            if (cursor_.Peek() == ']') {
                cursor_.Advance(1);
                return true;
            }
            char next = cursor_.Peek();
            if ((next != '"' && next != '\'') ||
                !ScanString(cursor_, &fields_.index.emplace_back())) {
                return false;
            }
            if (!SkipArraySpace()) {
                return false;
            }
            if (cursor_.Peek() == ',') {
                cursor_.Advance(1);
            } else if (cursor_.Peek() != ']') {
                return false;
            }
        }
    }

    std::optional<std::string>* target = nullptr;
    switch (field) {
        case Field::kLanguage: target = &fields_.language; break;
        case Field::kQuery: target = &fields_.query; break;
        case Field::kRuleId: target = &fields_.rule_id; break;
        case Field::kName: target = &fields_.name; break;
        case Field::kTimestampOverride: target = &fields_.timestamp_override; break;
        case Field::kEventCategoryOverride: target = &fields_.event_category_override; break;
        case Field::kTiebreakerField: target = &fields_.tiebreaker_field; break;
        default: return false;
    }
    char next = cursor_.Peek();
    if (next != '"' && next != '\'') {
        return false;
    }
    if (field == Field::kQuery) {
        fields_.query_value_offset = static_cast<uint32_t>(cursor_.position());
    }
    return ScanString(cursor_, &target->emplace());
}

bool RuleTomlScanner::ScanValue(int depth) {
    char next = cursor_.Peek();
    if (next == '"' || next == '\'') {
        return ScanString(cursor_, nullptr);
    }
    if (next == '[') {
        return ScanArray(depth + 1);
    }
    if (next == '{') {
        return ScanInlineTable(depth + 1);
    }
    return ScanBareScalar(cursor_);
}

// Moves past spaces, newlines and comments between array elements.
bool RuleTomlScanner::SkipArraySpace() {
    for (;;) {
        cursor_.SkipSpaces();
        char next = cursor_.Peek();
        if (next == '#') {
            if (!ScanComment(cursor_)) {
                return false;
            }
        } else if (next == '\n' && !cursor_.AtEnd()) {
            cursor_.Advance(1);
        } else {
            return true;
        }
    }
}

bool RuleTomlScanner::ScanArray(int depth) {
    if (depth > kMaxValueDepth) {
        return false;
    }
    cursor_.Advance(1);
    for (;;) {
        if (!SkipArraySpace()) {
            return false;
        }
        if (cursor_.Peek() == ']') {
            cursor_.Advance(1);
            return true;
        }
        if (!ScanValue(depth) || !SkipArraySpace()) {
            return false;
        }
        if (cursor_.Peek() == ',') {
            cursor_.Advance(1);
        } else if (cursor_.Peek() != ']') {
            return false;
        }
    }
}

// `{ key = value, ... }` on one line, with bare or quoted keys and no trailing comma. TOML 1.0
// allows newlines inside the values of an inline table, but the scanner leaves a newline
// anywhere inside (even within a nested array) to toml++, and a dotted key too.
bool RuleTomlScanner::ScanInlineTable(int depth) {
    if (depth > kMaxValueDepth) {
        return false;
    }
    cursor_.Advance(1);
    cursor_.SkipSpaces();
    if (cursor_.Peek() == '}') {
        cursor_.Advance(1);
        return true;
    }
    std::vector<std::string_view> keys;
    for (;;) {
        std::string_view key;
        if (!ScanKey(&key)) {
            return false;
        }
        for (std::string_view seen : keys) {
            if (seen == key) {
                return false;
            }
        }
        keys.push_back(key);
        cursor_.SkipSpaces();
        if (cursor_.Peek() != '=') {
            return false;
        }
        cursor_.Advance(1);
        cursor_.SkipSpaces();

        size_t value_begin = cursor_.position();
        if (!ScanValue(depth)) {
            return false;
        }
        if (cursor_.Slice(value_begin, cursor_.position()).find('\n') != std::string_view::npos) {
            return false;
        }
        cursor_.SkipSpaces();
        if (cursor_.Peek() == '}') {
            cursor_.Advance(1);
            return true;
        }
        if (cursor_.Peek() != ',') {
            return false;
        }
        cursor_.Advance(1);
        cursor_.SkipSpaces();
    }
}

// LoadRuleFile reads `rule` as a table. When it is an array of tables or a value (an inline
// table), or when one of the keys it reads names a table, the file is left to toml++.
bool RuleTomlScanner::CheckRuleTable() {
    if (rule_node_ == kNoNode) {
        return true;
    }
    const Node& rule = nodes_[rule_node_];
    if (rule.kind == NodeKind::kArrayOfTables || rule.kind == NodeKind::kValue) {
        return false;
    }
    fields_.has_rule_table = true;
    for (uint32_t child = rule.first_child; child != kNoNode; child = nodes_[child].next_sibling) {
        if (nodes_[child].kind != NodeKind::kValue && FieldOfKey(nodes_[child].name) != Field::kNone) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<RuleTableFields> ScanRuleToml(std::string_view text) {
    return RuleTomlScanner(text).Scan();
}

}  // namespace eql::detail
