// Schema loaders: the ECS flat field list, Elasticsearch index mappings, and lists of extra
// fields per index pattern. Each reads a file (gzip or plain) or text and returns the schema,
// or an error message that names the file, with line and column when the JSON is invalid.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check/schema.hpp"
#include "engine/check/schema_table.hpp"

namespace eql {

struct SchemaLoadResult {
    std::shared_ptr<const FieldTable> schema;  // set on success
    std::string error;                         // set on failure, e.g. "ecs.json:3:7: ..."
};

// A per-index-pattern list of extra fields, as detection-rules keeps them.
struct IndexPatternSchema {
    std::string pattern;                       // e.g. "logs-endpoint.events.*"
    std::shared_ptr<const FieldTable> schema;
};

struct IndexPatternSchemaResult {
    std::vector<IndexPatternSchema> schemas;   // sorted by pattern, on success
    std::string error;                         // set on failure
};

// Maps an Elasticsearch field type name to a FieldType. The keyword family becomes kKeyword,
// text-like types kText, integer and floating-point types kLong and kDouble, date and
// date_nanos kDate, and object, nested and flattened kObject. Everything else (geo_point,
// binary, ranges, vectors, unknown names) becomes kUnsupported. Elasticsearch's verifier lets
// a binary field through, but binary fields are not searchable, so kUnsupported fits them.
// The loaders resolve `alias` themselves, so it is not a type here.
FieldType FieldTypeFromEsType(std::string_view es_type);

// Reads a whole file, decompressing it when it is gzip. Returns nothing and sets `error`
// ("PATH: cannot open file: No such file or directory") when the file cannot be read.
std::optional<std::string> ReadSchemaFile(const std::string& path, std::string* error);

// The ECS flat field list (`ecs_flat.yml` converted to JSON): an object from dotted field name
// to its definition, of which `type`, `multi_fields` and `object_type` are read.
SchemaLoadResult LoadEcsFlatSchema(const std::string& path);
SchemaLoadResult ParseEcsFlatSchema(std::string_view text, std::string_view source_name);

// An index mapping: the body of `GET index/_mapping` (every index's mapping is merged), an
// index creation body `{"mappings": ...}`, or the bare `{"properties": ...}` form. Lines that
// start with '#' are ignored, and the placeholder type `[runtime_random_keyword_type]` of the
// Elasticsearch test suite reads as keyword.
SchemaLoadResult LoadIndexMapping(const std::string& path);
SchemaLoadResult ParseIndexMapping(std::string_view text, std::string_view source_name);

enum class SchemaFormat { kEcsFlat, kIndexMapping, kIndexPatternLists };

// Returns the format of a schema document: an index mapping when it has `properties`,
// `mappings` or `runtime` (or its first member has `mappings`), the ECS flat list when its
// first member is a definition with a `flat_name`, else lists of fields per index pattern.
// Returns nothing and sets `error` when the text is not a JSON object with members.
std::optional<SchemaFormat> DetectSchemaFormat(std::string_view text, std::string_view source_name,
                                               std::string* error);

// Extra fields per index pattern: an object from index pattern to fields, where the fields are
// nested objects or dotted names whose values are Elasticsearch type names.
IndexPatternSchemaResult LoadIndexPatternSchemas(const std::string& path);
IndexPatternSchemaResult ParseIndexPatternSchemas(std::string_view text,
                                                  std::string_view source_name);

}  // namespace eql
