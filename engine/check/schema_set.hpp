// The schemas loaded for a run and the view that applies to one rule: ECS and index mappings
// apply to every index, per-pattern lists of extra fields only to rules whose index patterns
// can reach the same indices.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check/schema.hpp"
#include "engine/check/schema_loaders.hpp"

namespace eql {

// Returns true when some index name matches both patterns, where '*' matches any run of
// characters and every other character matches itself. `logs-windows.*` and
// `logs-windows.sysmon_operational-*` overlap; `logs-endpoint.events.process-*` and
// `logs-endpoint.events.file-*` do not.
bool IndexPatternsOverlap(std::string_view first, std::string_view second);

// The FieldPathIndex of one combination of schemas, built by the first view that needs it.
struct SharedPathIndex {
    std::once_flag built;
    std::shared_ptr<const FieldPathIndex> index;
};

// Several schemas seen as one. Lookup tries each part in order and returns the first match.
class SchemaView final : public Schema {
public:
    SchemaView() = default;
    // `parts` come highest precedence first and must outlive the view. Views given the same
    // `shared_index` must have the same parts.
    explicit SchemaView(std::vector<const Schema*> parts,
                        std::shared_ptr<SharedPathIndex> shared_index = nullptr)
        : parts_(std::move(parts)), shared_index_(std::move(shared_index)) {}

    std::optional<FieldType> Lookup(std::string_view path) const override;
    std::optional<std::string> ResolveAlias(std::string_view path) const override;
    std::vector<std::string> FieldPaths() const override;
    std::optional<std::string> NestedContainer(std::string_view path) const override;
    std::shared_ptr<const FieldPathIndex> PathIndex() const override;

    const std::vector<const Schema*>& parts() const { return parts_; }

private:
    std::vector<const Schema*> parts_;
    std::shared_ptr<SharedPathIndex> shared_index_;
};

class SchemaSet {
public:
    // Adds a schema that applies to every index, such as ECS or a user's index mapping.
    void AddForAllIndices(std::shared_ptr<const Schema> schema);

    // Adds a schema that applies to the indices matching `pattern`.
    void AddForIndexPattern(std::string pattern, std::shared_ptr<const Schema> schema);
    void AddIndexPatternSchemas(const std::vector<IndexPatternSchema>& schemas);

    // Loads a schema file of any format that DetectSchemaFormat tells apart, gzip or plain.
    // ECS lists and index mappings apply to every index, per-pattern lists to their patterns.
    // Returns an error message naming the file, or an empty string.
    std::string AddFile(const std::string& path);

    // Returns the view for a rule that searches `index_patterns`: every schema added for all
    // indices, plus each per-pattern schema whose pattern overlaps one of the rule's patterns.
    // A rule pattern may carry a cross-cluster prefix (`remote:logs-*`), which is ignored, and
    // may list several patterns separated by commas. Exclusions (`-logs-test*`) only narrow
    // the search, so they add nothing. An empty list means every index, so every per-pattern
    // schema applies. When several schemas know a field, the one added last wins, as a later
    // dict.update does in detection-rules. The view is valid while this set lives.
    SchemaView ViewFor(const std::vector<std::string>& index_patterns) const;

    // Returns the patterns of the per-pattern schemas that ViewFor would include.
    std::vector<std::string> MatchingPatterns(const std::vector<std::string>& index_patterns) const;

    bool empty() const { return members_.empty(); }

private:
    struct Member {
        bool all_indices = false;
        std::string pattern;
        std::shared_ptr<const Schema> schema;
    };

    bool Applies(const Member& member, const std::vector<std::string>& rule_patterns) const;

    std::vector<Member> members_;
    // One index per combination of parts that ViewFor has returned, shared by its views.
    mutable std::mutex index_mutex_;
    mutable std::map<std::vector<const Schema*>, std::shared_ptr<SharedPathIndex>> indexes_;
};

}  // namespace eql
