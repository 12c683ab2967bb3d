// Field types known before any event is read: from the ECS field list, from Elasticsearch index
// mappings, or from per-index-pattern lists of extra fields. The checker uses them to report
// unknown fields and ill-typed uses; the evaluator uses them where a type changes the result
// (ip, version, date, text).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// A schema's FieldPaths, listed once, and the "did you mean" suggestions found among them so
// far, so that rules checked against the same schemas share both. Safe to use from any thread.
class FieldPathIndex {
public:
    explicit FieldPathIndex(std::vector<std::string> paths) : paths_(std::move(paths)) {}

    const std::vector<std::string>& paths() const { return paths_; }

    // Sets `suggestion` and returns true when a suggestion for `path` was stored.
    bool FindSuggestion(std::string_view path, std::optional<std::string>* suggestion) const;
    void StoreSuggestion(std::string_view path, const std::optional<std::string>& suggestion) const;

private:
    std::vector<std::string> paths_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, std::optional<std::string>> suggestions_;
};

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
    // Returns an index of FieldPaths() shared with other views of the same schemas, or null
    // when the schema keeps none, so that the caller lists the paths itself.
    virtual std::shared_ptr<const FieldPathIndex> PathIndex() const { return nullptr; }
    // Returns the nearest ancestor of `path` mapped as `nested`, or nothing. Elasticsearch's
    // EQL cannot search a field inside a nested container. The default returns nothing.
    virtual std::optional<std::string> NestedContainer(std::string_view path) const {
        (void)path;
        return std::nullopt;
    }
};

}  // namespace eql
