// Field types known before any event is read: from the ECS field list, from Elasticsearch index
// mappings, or from per-index-pattern lists of extra fields. The checker uses them to report
// unknown fields and ill-typed uses; the evaluator uses them where a type changes the result
// (ip, version, date, text).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eql {

enum class FieldType {
    kKeyword,    // keyword, constant_keyword, wildcard, and text with a keyword sub-field
    kText,       // text without a keyword sub-field: not usable in EQL
    kLong,       // any integer type
    kDouble,     // any floating-point type
    kBoolean,
    kDate,       // date and date_nanos
    kIp,
    kVersion,
    kObject,     // object, nested and flattened containers
    kUnsupported,  // geo_point, binary and other types EQL cannot use
};

// Returns the lower-case name used in messages: "keyword", "long", "ip", "object"...
std::string_view FieldTypeName(FieldType type);

// Returns true for the types that EQL treats as strings: keyword and text.
bool IsStringType(FieldType type);

// Returns true for kLong and kDouble.
bool IsNumericType(FieldType type);

class Schema {
public:
    virtual ~Schema() = default;
    // Returns the type of `path`, or nothing when the schema does not know the field.
    // Alias fields are followed to their target.
    virtual std::optional<FieldType> Lookup(std::string_view path) const = 0;
    // Returns the target path when `path` is an alias field, else nothing.
    virtual std::optional<std::string> ResolveAlias(std::string_view path) const = 0;
    // Returns the paths a query may name, sorted and without duplicates, for "did you mean"
    // hints. Containers and unsupported fields are left out. The default returns none.
    virtual std::vector<std::string> FieldPaths() const { return {}; }
    // Returns the nearest ancestor of `path` mapped as `nested`, or nothing. Elasticsearch's
    // EQL cannot search a field inside a nested container. The default returns nothing.
    virtual std::optional<std::string> NestedContainer(std::string_view path) const {
        (void)path;
        return std::nullopt;
    }
};

}  // namespace eql
