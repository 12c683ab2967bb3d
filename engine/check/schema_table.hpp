// A Schema held as a table of dotted field paths, which every schema loader fills.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/check/schema.hpp"

namespace eql {

class FieldTable final : public Schema {
public:
    FieldTable() = default;
    FieldTable(const FieldTable& other);
    FieldTable& operator=(const FieldTable& other);
    FieldTable(FieldTable&&) = default;
    FieldTable& operator=(FieldTable&&) = default;

    // Adds `path` with `type`, replacing an earlier entry for the same path. Each dotted prefix
    // of `path` that the table does not hold yet becomes an implicit object.
    void AddField(std::string_view path, FieldType type);

    // Adds an alias field that resolves to `target`. The target need not exist yet.
    void AddAlias(std::string_view path, std::string_view target);

    // Adds a `nested` container. Its sub-fields keep their types, and NestedContainer reports
    // it for each of them.
    void AddNested(std::string_view path);

    // Adds a container whose every sub-path is a field of `leaf_type`, as Elasticsearch does
    // for `flattened` fields and ECS does for objects with an `object_type`.
    void AddOpenObject(std::string_view path, FieldType leaf_type);

    std::optional<FieldType> Lookup(std::string_view path) const override;
    std::optional<std::string> ResolveAlias(std::string_view path) const override;
    std::vector<std::string> FieldPaths() const override;
    std::optional<std::string> NestedContainer(std::string_view path) const override;

    // Returns the aliases whose target the table does not hold, as (alias, target) pairs.
    std::vector<std::pair<std::string, std::string>> DanglingAliases() const;

    // Returns the number of explicit entries: fields, aliases and open objects, not the
    // implicit parent objects.
    std::size_t size() const;

private:
    struct Entry {
        FieldType type = FieldType::kObject;
        std::string alias_target;   // set for alias fields
        bool implicit = false;      // a parent object that no source listed itself
        bool nested = false;        // mapped as `nested`
        bool open = false;          // every sub-path is a field of `open_leaf_type`
        FieldType open_leaf_type = FieldType::kKeyword;
    };

    Entry& Insert(std::string_view path);
    void RebuildIndex();
    void AddParents(std::string_view path);
    const Entry* Find(std::string_view path) const;
    std::optional<FieldType> LookupInOpenObject(std::string_view path) const;

    // Sorted, for FieldPaths. The index finds an entry by hashing; its keys and values point
    // into the map's nodes, which stay in place until erased (and nothing erases).
    std::map<std::string, Entry, std::less<>> entries_;
    std::unordered_map<std::string_view, const Entry*> index_;
};

}  // namespace eql
