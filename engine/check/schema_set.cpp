// SchemaSet and SchemaView: which loaded schemas apply to a rule, from the rule's index
// patterns, and the merged view that the field checker reads. Patterns match by overlap: a
// per-pattern schema applies when some index could match both it and one of the rule's
// patterns, because Elasticsearch resolves a query's fields over every index it searches.
#include "engine/check/schema_set.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>

#include "engine/check/schema_json.hpp"

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
    // A common string starts with the literal text before each pattern's first '*' and ends
    // with the text after each one's last '*', so one of each pair must extend the other.
    // Most pairs of index patterns differ there, which spares them the table below.
    std::string_view first_head = first.substr(0, first.find('*'));
    std::string_view second_head = second.substr(0, second.find('*'));
    size_t head = std::min(first_head.size(), second_head.size());
    if (first_head.substr(0, head) != second_head.substr(0, head)) {
        return false;
    }
    // rfind gives npos without a star, and npos + 1 is 0: the whole pattern is its tail.
    std::string_view first_tail = first.substr(first.rfind('*') + 1);
    std::string_view second_tail = second.substr(second.rfind('*') + 1);
    size_t tail = std::min(first_tail.size(), second_tail.size());
    if (first_tail.substr(first_tail.size() - tail) !=
        second_tail.substr(second_tail.size() - tail)) {
        return false;
    }

    // reachable[i][j]: the suffixes first[i..] and second[j..] match a common string. A '*'
    // on one side may match nothing, or swallow one character of the other side (a '*' there
    // included), which covers every way the two stars can share a common string. Row i only
    // reads row i + 1, so two rows are kept.
    const std::size_t n = first.size();
    const std::size_t m = second.size();
    std::vector<char> below(m + 1, 0);    // row i + 1
    std::vector<char> current(m + 1, 0);  // row i
    for (std::size_t i = n + 1; i-- > 0;) {
        for (std::size_t j = m + 1; j-- > 0;) {
            if (i == n && j == m) {
                current[j] = 1;
                continue;
            }
            bool ok = false;
            if (i < n && first[i] == '*') {
                ok = below[j] || (j < m && current[j + 1]);
            }
            if (!ok && j < m && second[j] == '*') {
                ok = current[j + 1] || (i < n && below[j]);
            }
            if (!ok && i < n && j < m && first[i] == second[j]) {
                ok = below[j + 1];
            }
            current[j] = ok ? 1 : 0;
        }
        std::swap(below, current);
    }
    return below[0] != 0;
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
    // A FieldTable lists its paths in order, so sorted parts are merged in linear time, and
    // the whole list is sorted only when some part is not in order.
    std::vector<std::string> paths;
    bool sorted = true;
    for (const Schema* part : parts_) {
        std::vector<std::string> part_paths = part->FieldPaths();
        auto middle = static_cast<std::ptrdiff_t>(paths.size());
        paths.insert(paths.end(), std::make_move_iterator(part_paths.begin()),
                     std::make_move_iterator(part_paths.end()));
        if (sorted && std::is_sorted(paths.begin() + middle, paths.end())) {
            std::inplace_merge(paths.begin(), paths.begin() + middle, paths.end());
        } else {
            sorted = false;
        }
    }
    if (!sorted) {
        std::sort(paths.begin(), paths.end());
    }
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    return paths;
}

std::shared_ptr<const FieldPathIndex> SchemaView::PathIndex() const {
    if (shared_index_ == nullptr) {
        return nullptr;
    }
    std::call_once(shared_index_->built, [this] {
        shared_index_->index = std::make_shared<const FieldPathIndex>(FieldPaths());
    });
    return shared_index_->index;
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

    // An ECS list, the largest file and the most common, is read with simdjson when it has no
    // comment lines. Any other document is parsed once with nlohmann, with '#' comment lines
    // blanked, both to tell its format and to load it. Only index mappings accept comment
    // lines, so another format whose file has them goes through its own parser, which reports
    // them as invalid JSON.
    std::string json_text = detail::BlankCommentLines(*text);
    bool had_comments = json_text != *text;
    if (!had_comments) {
        if (std::optional<SchemaLoadResult> fast = detail::ReadEcsFlatFast(*text, path)) {
            if (fast->schema) {
                AddForAllIndices(fast->schema);
            }
            return fast->error;
        }
    }
    std::optional<nlohmann::json> document = detail::ParseSchemaJson(json_text, path, &error);
    if (!document) {
        return error;
    }
    std::optional<SchemaFormat> format = detail::DetectDocumentFormat(*document, path, &error);
    if (!format) {
        return error;
    }

    if (*format == SchemaFormat::kIndexPatternLists) {
        IndexPatternSchemaResult lists = had_comments
                                             ? ParseIndexPatternSchemas(*text, path)
                                             : detail::ReadIndexPatternDocument(*document, path);
        if (lists.error.empty()) {
            AddIndexPatternSchemas(lists.schemas);
        }
        return lists.error;
    }
    SchemaLoadResult loaded;
    if (*format == SchemaFormat::kIndexMapping) {
        loaded = detail::ReadIndexMappingDocument(*document, path);
    } else {
        loaded = had_comments ? ParseEcsFlatSchema(*text, path)
                              : detail::ReadEcsFlatDocument(*document, path);
    }
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
    std::shared_ptr<SharedPathIndex> shared_index;
    {
        std::lock_guard<std::mutex> lock(index_mutex_);
        std::shared_ptr<SharedPathIndex>& entry = indexes_[parts];
        if (entry == nullptr) {
            entry = std::make_shared<SharedPathIndex>();
        }
        shared_index = entry;
    }
    return SchemaView(std::move(parts), std::move(shared_index));
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
