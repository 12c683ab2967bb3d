// Index mappings for the QA data sets: the cleanup the Elasticsearch harness applies to the
// mapping files, the fields Elasticsearch would map dynamically while indexing, and one Schema
// over several indices.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/check/schema.hpp"

namespace eql::conformance {

// Returns the mapping text as the harness sends it: lines that start with '#' are dropped and
// the placeholder `[runtime_random_keyword_type]` becomes `keyword` (the harness picks keyword
// or wildcard at random, and both are keyword fields for EQL).
std::string CleanMappingText(std::string_view text);

// Adds to `mapping` (a parsed mapping with a top-level "properties") the fields of `document`
// that it does not map, typed the way Elasticsearch's dynamic mapping types them on first
// sight: strings as text with a keyword sub-field (dates, when they look like ISO dates),
// integers as long, other numbers as float, booleans as boolean, objects as objects. Dotted
// keys are object paths. Runtime fields count as mapped.
void AddDynamicFields(nlohmann::ordered_json& mapping, const nlohmann::ordered_json& document);

// Builds the Schema of one index from its effective mapping (see AddDynamicFields). Adds a
// message to `errors` and returns null when the mapping cannot be loaded.
std::shared_ptr<const Schema> LoadMappingSchema(std::string_view index,
                                                const std::string& mapping_json,
                                                std::vector<std::string>& errors);

// A Schema over several indices queried together. A field known to one index has that type;
// a field the indices map to different types is unusable, as in Elasticsearch.
class CombinedSchema : public Schema {
public:
    explicit CombinedSchema(std::vector<std::shared_ptr<const Schema>> parts);

    std::optional<FieldType> Lookup(std::string_view path) const override;
    std::optional<std::string> ResolveAlias(std::string_view path) const override;
    std::vector<std::string> FieldPaths() const override;

private:
    std::vector<std::shared_ptr<const Schema>> parts_;
};

}  // namespace eql::conformance
