// FieldTable: the map from dotted field path to type behind every loaded schema. Lookup
// follows alias fields and resolves sub-paths of open containers (`flattened` fields, ECS
// objects with an `object_type`) to the container's leaf type.
#include "engine/check/schema_table.hpp"

namespace eql {
namespace {

// Elasticsearch rejects an alias that points to another alias, so only a hand-made table has
// longer chains. The bound stops a cycle.
constexpr int kMaxAliasHops = 8;

}  // namespace

FieldTable::FieldTable(const FieldTable& other) : Schema(other), entries_(other.entries_) {
    RebuildIndex();
}

FieldTable& FieldTable::operator=(const FieldTable& other) {
    if (this != &other) {
        entries_ = other.entries_;
        RebuildIndex();
    }
    return *this;
}

FieldTable::Entry& FieldTable::Insert(std::string_view path) {
    auto [position, inserted] = entries_.try_emplace(std::string(path));
    if (inserted) {
        index_.emplace(std::string_view(position->first), &position->second);
    }
    return position->second;
}

void FieldTable::RebuildIndex() {
    index_.clear();
    for (const auto& [path, entry] : entries_) {
        index_.emplace(std::string_view(path), &entry);
    }
}

void FieldTable::AddField(std::string_view path, FieldType type) {
    Entry& entry = Insert(path);
    entry = Entry{};
    entry.type = type;
    AddParents(path);
}

void FieldTable::AddAlias(std::string_view path, std::string_view target) {
    Entry& entry = Insert(path);
    entry = Entry{};
    entry.alias_target = std::string(target);
    AddParents(path);
}

void FieldTable::AddNested(std::string_view path) {
    AddField(path, FieldType::kObject);
    Insert(path).nested = true;
}

void FieldTable::AddOpenObject(std::string_view path, FieldType leaf_type) {
    Entry& entry = Insert(path);
    entry = Entry{};
    entry.type = FieldType::kObject;
    entry.open = true;
    entry.open_leaf_type = leaf_type;
    AddParents(path);
}

void FieldTable::AddParents(std::string_view path) {
    for (std::size_t dot = path.find('.'); dot != std::string_view::npos;
         dot = path.find('.', dot + 1)) {
        std::string_view parent = path.substr(0, dot);
        if (Find(parent) == nullptr) {
            Entry& entry = Insert(parent);
            entry.type = FieldType::kObject;
            entry.implicit = true;
        }
    }
}

const FieldTable::Entry* FieldTable::Find(std::string_view path) const {
    auto found = index_.find(path);
    return found == index_.end() ? nullptr : found->second;
}

std::optional<FieldType> FieldTable::LookupInOpenObject(std::string_view path) const {
    // The nearest listed ancestor decides: an open container makes the path a leaf of it,
    // anything else (a scalar, a closed object) means the path is unknown.
    for (std::size_t dot = path.rfind('.'); dot != std::string_view::npos && dot > 0;
         dot = path.rfind('.', dot - 1)) {
        const Entry* ancestor = Find(path.substr(0, dot));
        if (ancestor == nullptr) {
            continue;
        }
        if (ancestor->open) {
            return ancestor->open_leaf_type;
        }
        if (!ancestor->alias_target.empty() || !ancestor->implicit) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<FieldType> FieldTable::Lookup(std::string_view path) const {
    // An alias target is a string of the table, so the view stays valid.
    std::string_view current = path;
    for (int hop = 0; hop <= kMaxAliasHops; ++hop) {
        const Entry* entry = Find(current);
        if (entry == nullptr) {
            return LookupInOpenObject(current);
        }
        if (entry->alias_target.empty()) {
            return entry->type;
        }
        current = entry->alias_target;
    }
    return std::nullopt;
}

std::optional<std::string> FieldTable::ResolveAlias(std::string_view path) const {
    const Entry* entry = Find(path);
    if (entry == nullptr || entry->alias_target.empty()) {
        return std::nullopt;
    }
    return entry->alias_target;
}

std::vector<std::string> FieldTable::FieldPaths() const {
    std::vector<std::string> paths;
    for (const auto& [path, entry] : entries_) {
        if (entry.implicit) {
            continue;
        }
        if (entry.alias_target.empty() &&
            (entry.type == FieldType::kObject || entry.type == FieldType::kUnsupported)) {
            continue;
        }
        paths.push_back(path);
    }
    return paths;
}

std::optional<std::string> FieldTable::NestedContainer(std::string_view path) const {
    // An alias resolves to its target, whose ancestors decide.
    std::string_view current = path;
    for (int hop = 0; hop < kMaxAliasHops; ++hop) {
        const Entry* entry = Find(current);
        if (entry == nullptr || entry->alias_target.empty()) {
            break;
        }
        current = entry->alias_target;
    }
    for (std::size_t dot = current.rfind('.'); dot != std::string_view::npos && dot > 0;
         dot = current.rfind('.', dot - 1)) {
        const Entry* ancestor = Find(current.substr(0, dot));
        if (ancestor != nullptr && ancestor->nested) {
            return std::string(current.substr(0, dot));
        }
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> FieldTable::DanglingAliases() const {
    std::vector<std::pair<std::string, std::string>> dangling;
    for (const auto& [path, entry] : entries_) {
        if (!entry.alias_target.empty() && !Lookup(path).has_value()) {
            dangling.emplace_back(path, entry.alias_target);
        }
    }
    return dangling;
}

std::size_t FieldTable::size() const {
    std::size_t count = 0;
    for (const auto& [path, entry] : entries_) {
        if (!entry.implicit) {
            ++count;
        }
    }
    return count;
}

}  // namespace eql
