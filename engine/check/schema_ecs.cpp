// Loads the ECS flat field list, the JSON form of ECS's `ecs_flat.yml`: an object from dotted
// field name to its definition. Entry points: LoadEcsFlatSchema and ParseEcsFlatSchema.
#include <string>

#include "engine/check/schema_json.hpp"
#include "engine/check/schema_loaders.hpp"

namespace eql {
namespace {

using nlohmann::json;

std::string StringMember(const json& object, const char* name) {
    auto found = object.find(name);
    if (found == object.end() || !found->is_string()) {
        return {};
    }
    return found->get<std::string>();
}

// Adds the sub-fields an ECS definition lists under `multi_fields`, such as the
// `match_only_text` field `process.command_line.text`. Returns true when one of them is a
// keyword, which makes a text parent usable as a keyword.
bool AddMultiFields(const json& definition, FieldTable& table) {
    auto multi_fields = definition.find("multi_fields");
    if (multi_fields == definition.end() || !multi_fields->is_array()) {
        return false;
    }
    bool has_keyword = false;
    for (const json& sub_field : *multi_fields) {
        if (!sub_field.is_object()) {
            continue;
        }
        std::string name = StringMember(sub_field, "flat_name");
        std::string type = StringMember(sub_field, "type");
        if (name.empty() || type.empty()) {
            continue;
        }
        FieldType sub_type = FieldTypeFromEsType(type);
        table.AddField(name, sub_type);
        has_keyword = has_keyword || sub_type == FieldType::kKeyword;
    }
    return has_keyword;
}

// Adds one ECS definition. Returns an error message, or an empty string.
std::string AddEcsField(const std::string& path, const json& definition, FieldTable& table) {
    if (!definition.is_object()) {
        return "field '" + path + "': the definition is not an object";
    }
    std::string type = StringMember(definition, "type");
    if (type.empty()) {
        return "field '" + path + "': 'type' is missing or not a string";
    }

    if (type == "alias") {
        std::string target = StringMember(definition, "path");
        if (target.empty()) {
            return "field '" + path + "': an alias needs a 'path'";
        }
        table.AddAlias(path, target);
        return {};
    }
    if (type == "flattened") {
        table.AddOpenObject(path, FieldType::kKeyword);
        return {};
    }
    if (type == "nested") {
        table.AddNested(path);
        return {};
    }
    std::string object_type = StringMember(definition, "object_type");
    if (type == "object" && !object_type.empty()) {
        table.AddOpenObject(path, FieldTypeFromEsType(object_type));
        return {};
    }

    FieldType field_type = FieldTypeFromEsType(type);
    bool keyword_sub_field = AddMultiFields(definition, table);
    if (field_type == FieldType::kText && keyword_sub_field) {
        field_type = FieldType::kKeyword;
    }
    table.AddField(path, field_type);
    return {};
}

}  // namespace

SchemaLoadResult ParseEcsFlatSchema(std::string_view text, std::string_view source_name) {
    SchemaLoadResult result;
    std::optional<json> document = detail::ParseSchemaJson(text, source_name, &result.error);
    if (!document) {
        return result;
    }
    return detail::ReadEcsFlatDocument(*document, source_name);
}

namespace detail {

SchemaLoadResult ReadEcsFlatDocument(const nlohmann::json& document,
                                     std::string_view source_name) {
    SchemaLoadResult result;
    if (!document.is_object() || document.contains("properties") ||
        document.contains("mappings")) {
        result.error = std::string(source_name) +
                       ": not an ECS flat field list: expected an object from field name to "
                       "definition";
        return result;
    }

    auto table = std::make_shared<FieldTable>();
    for (const auto& [path, definition] : document.items()) {
        std::string problem = AddEcsField(path, definition, *table);
        if (!problem.empty()) {
            result.error = std::string(source_name) + ": " + problem;
            return result;
        }
    }
    result.schema = std::move(table);
    return result;
}

}  // namespace detail

SchemaLoadResult LoadEcsFlatSchema(const std::string& path) {
    SchemaLoadResult result;
    std::optional<std::string> text = ReadSchemaFile(path, &result.error);
    if (!text) {
        return result;
    }
    return ParseEcsFlatSchema(*text, path);
}

}  // namespace eql
