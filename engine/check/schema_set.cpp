// SchemaSet and SchemaView: which loaded schemas apply to a rule, from the rule's index
// patterns, and the merged view that the field checker reads. Patterns match by overlap: a
// per-pattern schema applies when some index could match both it and one of the rule's
// patterns, because Elasticsearch resolves a query's fields over every index it searches.
#include "engine/check/schema_set.hpp"

#include <algorithm>

namespace eql {
namespace {

// Splits "a,b" into its patterns, drops cross-cluster prefixes and exclusions.
std::vector<std::string> NormalizeRulePatterns(const std::vector<std::string>& patterns) {
    std::vector<std::string> normalized;
    for (const std::string& entry : patterns) {
        std::size_t start = 0;
        while (start <= entry.size()) {
            std::size_t comma = entry.find(',', start);
            if (comma == std::string::npos) {
                comma = entry.size();
            }
            std::string pattern = entry.substr(start, comma - start);
            start = comma + 1;

            pattern.erase(0, pattern.find_first_not_of(" \t"));
            pattern.erase(pattern.find_last_not_of(" \t") + 1);
            std::size_t colon = pattern.rfind(':');
            if (colon != std::string::npos) {
                pattern.erase(0, colon + 1);
            }
            if (!pattern.empty() && pattern.front() != '-') {
                normalized.push_back(std::move(pattern));
            }
        }
    }
    return normalized;
}

}  // namespace

bool IndexPatternsOverlap(std::string_view first, std::string_view second) {
    // reachable[i][j]: the suffixes first[i..] and second[j..] match a common string. A '*'
    // on one side may match nothing, or swallow one character of the other side (a '*' there
    // included), which covers every way the two stars can share a common string.
    const std::size_t n = first.size();
    const std::size_t m = second.size();
    std::vector<std::vector<char>> reachable(n + 1, std::vector<char>(m + 1, 0));
    reachable[n][m] = 1;
    for (std::size_t i = n + 1; i-- > 0;) {
        for (std::size_t j = m + 1; j-- > 0;) {
            if (i == n && j == m) {
                continue;
            }
            bool ok = false;
            if (i < n && first[i] == '*') {
                ok = reachable[i + 1][j] || (j < m && reachable[i][j + 1]);
            }
            if (!ok && j < m && second[j] == '*') {
                ok = reachable[i][j + 1] || (i < n && reachable[i + 1][j]);
            }
            if (!ok && i < n && j < m && first[i] == second[j]) {
                ok = reachable[i + 1][j + 1];
            }
            reachable[i][j] = ok ? 1 : 0;
        }
    }
    return reachable[0][0] != 0;
}

std::optional<FieldType> SchemaView::Lookup(std::string_view path) const {
    for (const Schema* part : parts_) {
        if (auto type = part->Lookup(path)) {
            return type;
        }
    }
    return std::nullopt;
}

std::optional<std::string> SchemaView::ResolveAlias(std::string_view path) const {
    for (const Schema* part : parts_) {
        if (part->Lookup(path).has_value()) {
            return part->ResolveAlias(path);
        }
    }
    return std::nullopt;
}

std::optional<std::string> SchemaView::NestedContainer(std::string_view path) const {
    for (const Schema* part : parts_) {
        if (part->Lookup(path).has_value()) {
            return part->NestedContainer(path);
        }
    }
    return std::nullopt;
}

std::vector<std::string> SchemaView::FieldPaths() const {
    std::vector<std::string> paths;
    for (const Schema* part : parts_) {
        std::vector<std::string> part_paths = part->FieldPaths();
        paths.insert(paths.end(), part_paths.begin(), part_paths.end());
    }
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    return paths;
}

void SchemaSet::AddForAllIndices(std::shared_ptr<const Schema> schema) {
    members_.push_back(Member{true, {}, std::move(schema)});
}

void SchemaSet::AddForIndexPattern(std::string pattern, std::shared_ptr<const Schema> schema) {
    members_.push_back(Member{false, std::move(pattern), std::move(schema)});
}

void SchemaSet::AddIndexPatternSchemas(const std::vector<IndexPatternSchema>& schemas) {
    for (const IndexPatternSchema& entry : schemas) {
        AddForIndexPattern(entry.pattern, entry.schema);
    }
}

std::string SchemaSet::AddFile(const std::string& path) {
    std::string error;
    std::optional<std::string> text = ReadSchemaFile(path, &error);
    if (!text) {
        return error;
    }
    std::optional<SchemaFormat> format = DetectSchemaFormat(*text, path, &error);
    if (!format) {
        return error;
    }

    if (*format == SchemaFormat::kIndexPatternLists) {
        IndexPatternSchemaResult lists = ParseIndexPatternSchemas(*text, path);
        if (lists.error.empty()) {
            AddIndexPatternSchemas(lists.schemas);
        }
        return lists.error;
    }
    SchemaLoadResult loaded = *format == SchemaFormat::kEcsFlat ? ParseEcsFlatSchema(*text, path)
                                                               : ParseIndexMapping(*text, path);
    if (loaded.schema) {
        AddForAllIndices(loaded.schema);
    }
    return loaded.error;
}

bool SchemaSet::Applies(const Member& member,
                        const std::vector<std::string>& rule_patterns) const {
    if (member.all_indices || rule_patterns.empty()) {
        return true;
    }
    return std::any_of(rule_patterns.begin(), rule_patterns.end(), [&](const std::string& p) {
        return IndexPatternsOverlap(p, member.pattern);
    });
}

SchemaView SchemaSet::ViewFor(const std::vector<std::string>& index_patterns) const {
    std::vector<std::string> rule_patterns = NormalizeRulePatterns(index_patterns);
    std::vector<const Schema*> parts;
    for (auto member = members_.rbegin(); member != members_.rend(); ++member) {
        if (Applies(*member, rule_patterns)) {
            parts.push_back(member->schema.get());
        }
    }
    return SchemaView(std::move(parts));
}

std::vector<std::string> SchemaSet::MatchingPatterns(
    const std::vector<std::string>& index_patterns) const {
    std::vector<std::string> rule_patterns = NormalizeRulePatterns(index_patterns);
    std::vector<std::string> matching;
    for (const Member& member : members_) {
        if (!member.all_indices && Applies(member, rule_patterns)) {
            matching.push_back(member.pattern);
        }
    }
    return matching;
}

}  // namespace eql
