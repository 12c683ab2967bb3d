// JSON parsing shared by the schema loaders, so that every loader reports invalid JSON the same
// way: the file name, then the line and column of the offending byte.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/check/schema_loaders.hpp"

namespace eql::detail {

// Parses `text`. On failure returns nothing and sets `error` to
// "SOURCE:LINE:COLUMN: invalid JSON: REASON".
std::optional<nlohmann::json> ParseSchemaJson(std::string_view text, std::string_view source_name,
                                              std::string* error);

// Returns `text` with every line whose first non-blank character is '#' replaced by spaces,
// keeping the line breaks so that JSON error positions still match the file.
std::string BlankCommentLines(std::string_view text);

// Returns the 1-based line and byte column of `offset` in `text` as "LINE:COLUMN".
std::string DescribeOffset(std::string_view text, std::size_t offset);

// The loaders' steps after parsing, so that a file is parsed once to tell its format and to
// load it. Each works as the Parse* function of schema_loaders.hpp with the same name's format.
std::optional<SchemaFormat> DetectDocumentFormat(const nlohmann::json& document,
                                                 std::string_view source_name, std::string* error);
SchemaLoadResult ReadEcsFlatDocument(const nlohmann::json& document, std::string_view source_name);
SchemaLoadResult ReadIndexMappingDocument(const nlohmann::json& document,
                                          std::string_view source_name);
IndexPatternSchemaResult ReadIndexPatternDocument(const nlohmann::json& document,
                                                  std::string_view source_name);

// Loads an ECS flat field list with simdjson, in about a fifth of the instructions that
// nlohmann takes for the ECS 9.5.0 list (callgrind). Returns nothing when simdjson rejects the text or when DetectDocumentFormat would not
// call it kEcsFlat, so the caller takes the nlohmann path and its messages. Otherwise returns
// what ParseEcsFlatSchema returns.
std::optional<SchemaLoadResult> ReadEcsFlatFast(std::string_view text,
                                                std::string_view source_name);

}  // namespace eql::detail
