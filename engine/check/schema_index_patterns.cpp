// Loads lists of extra fields per index pattern, the form detection-rules keeps for fields that
// ECS lacks: {"index-pattern": {"field.name": "type", "object": {"field": "type"}}}.
// Entry points: LoadIndexPatternSchemas and ParseIndexPatternSchemas.
#include <string>

#include "engine/check/schema_json.hpp"
#include "engine/check/schema_loaders.hpp"

namespace eql {
namespace {

using nlohmann::json;

constexpr int kMaxFieldDepth = 64;

// Adds the fields below `object` to `table`. Returns an error message, or an empty string.
std::string AddPatternFields(const json& object, const std::string& prefix, int depth,
                             FieldTable& table) {
    if (depth > kMaxFieldDepth) {
        return "field '" + prefix + "': objects nest deeper than " +
               std::to_string(kMaxFieldDepth) + " levels";
    }
    for (const auto& [name, value] : object.items()) {
        std::string path = prefix.empty() ? name : prefix + "." + name;
        if (value.is_object()) {
            std::string problem = AddPatternFields(value, path, depth + 1, table);
            if (!problem.empty()) {
                return problem;
            }
            continue;
        }
        if (!value.is_string()) {
            return "field '" + path + "': expected a type name or an object of fields";
        }
        const std::string& type = value.get_ref<const std::string&>();
        if (type == "flattened") {
            table.AddOpenObject(path, FieldType::kKeyword);
        } else if (type == "nested") {
            table.AddNested(path);
        } else {
            table.AddField(path, FieldTypeFromEsType(type));
        }
    }
    return {};
}

}  // namespace

IndexPatternSchemaResult ParseIndexPatternSchemas(std::string_view text,
                                                  std::string_view source_name) {
    IndexPatternSchemaResult result;
    std::optional<json> document = detail::ParseSchemaJson(text, source_name, &result.error);
    if (!document) {
        return result;
    }
    return detail::ReadIndexPatternDocument(*document, source_name);
}

namespace detail {

IndexPatternSchemaResult ReadIndexPatternDocument(const nlohmann::json& document,
                                                  std::string_view source_name) {
    IndexPatternSchemaResult result;
    if (!document.is_object()) {
        result.error = std::string(source_name) +
                       ": expected an object from index pattern to fields";
        return result;
    }

    for (const auto& [pattern, fields] : document.items()) {
        if (!fields.is_object()) {
            result.error = std::string(source_name) + ": index pattern '" + pattern +
                           "': expected an object of fields";
            result.schemas.clear();
            return result;
        }
        auto table = std::make_shared<FieldTable>();
        std::string problem = AddPatternFields(fields, "", 1, *table);
        if (!problem.empty()) {
            result.error =
                std::string(source_name) + ": index pattern '" + pattern + "': " + problem;
            result.schemas.clear();
            return result;
        }
        result.schemas.push_back(IndexPatternSchema{pattern, std::move(table)});
    }
    return result;
}

}  // namespace detail

IndexPatternSchemaResult LoadIndexPatternSchemas(const std::string& path) {
    IndexPatternSchemaResult result;
    std::optional<std::string> text = ReadSchemaFile(path, &result.error);
    if (!text) {
        return result;
    }
    return ParseIndexPatternSchemas(*text, path);
}

}  // namespace eql
