// Loads the ECS flat field list, the JSON form of ECS's `ecs_flat.yml`: an object from dotted
// field name to its definition. Entry points: LoadEcsFlatSchema and ParseEcsFlatSchema.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "engine/check/schema_json.hpp"
#include "engine/check/schema_loaders.hpp"

namespace eql {
namespace {

using nlohmann::json;
namespace dom = simdjson::dom;

// The members of one ECS definition that the loader reads, taken from either JSON library. A
// member that is missing or not a string reads as empty, and of a member written twice the
// last one counts, as nlohmann keeps it.
struct EcsDefinition {
    bool is_object = false;
    std::string type;
    std::string path;         // an alias's target
    std::string object_type;
    // (flat_name, type) of each `multi_fields` element that is an object with both strings set.
    std::vector<std::pair<std::string, std::string>> multi_fields;
};

std::string StringMember(const json& object, const char* name) {
    auto found = object.find(name);
    if (found == object.end() || !found->is_string()) {
        return {};
    }
    return found->get<std::string>();
}

EcsDefinition ReadDefinition(const json& definition) {
    EcsDefinition read;
    read.is_object = definition.is_object();
    if (!read.is_object) {
        return read;
    }
    read.type = StringMember(definition, "type");
    read.path = StringMember(definition, "path");
    read.object_type = StringMember(definition, "object_type");
    auto multi_fields = definition.find("multi_fields");
    if (multi_fields == definition.end() || !multi_fields->is_array()) {
        return read;
    }
    for (const json& sub_field : *multi_fields) {
        if (!sub_field.is_object()) {
            continue;
        }
        std::string name = StringMember(sub_field, "flat_name");
        std::string type = StringMember(sub_field, "type");
        if (!name.empty() && !type.empty()) {
            read.multi_fields.emplace_back(std::move(name), std::move(type));
        }
    }
    return read;
}

// Returns the last member named `name`, or nothing when there is none.
std::optional<dom::element> LastMember(dom::object object, std::string_view name) {
    std::optional<dom::element> found;
    for (dom::key_value_pair field : object) {
        if (field.key == name) {
            found = field.value;
        }
    }
    return found;
}

std::string StringMember(dom::object object, std::string_view name) {
    std::optional<dom::element> member = LastMember(object, name);
    std::string_view value;
    if (!member || member->get_string().get(value) != simdjson::SUCCESS) {
        return {};
    }
    return std::string(value);
}

EcsDefinition ReadDefinition(dom::element definition) {
    EcsDefinition read;
    dom::object object;
    read.is_object = definition.get_object().get(object) == simdjson::SUCCESS;
    if (!read.is_object) {
        return read;
    }
    read.type = StringMember(object, "type");
    read.path = StringMember(object, "path");
    read.object_type = StringMember(object, "object_type");
    std::optional<dom::element> member = LastMember(object, "multi_fields");
    dom::array multi_fields;
    if (!member || member->get_array().get(multi_fields) != simdjson::SUCCESS) {
        return read;
    }
    for (dom::element sub_field : multi_fields) {
        dom::object sub_object;
        if (sub_field.get_object().get(sub_object) != simdjson::SUCCESS) {
            continue;
        }
        std::string name = StringMember(sub_object, "flat_name");
        std::string type = StringMember(sub_object, "type");
        if (!name.empty() && !type.empty()) {
            read.multi_fields.emplace_back(std::move(name), std::move(type));
        }
    }
    return read;
}

// Adds the sub-fields an ECS definition lists under `multi_fields`, such as the
// `match_only_text` field `process.command_line.text`. Returns true when one of them is a
// keyword, which makes a text parent usable as a keyword.
bool AddMultiFields(const EcsDefinition& definition, FieldTable& table) {
    bool has_keyword = false;
    for (const auto& [name, type] : definition.multi_fields) {
        FieldType sub_type = FieldTypeFromEsType(type);
        table.AddField(name, sub_type);
        has_keyword = has_keyword || sub_type == FieldType::kKeyword;
    }
    return has_keyword;
}

// Adds one ECS definition. Returns an error message, or an empty string.
std::string AddEcsField(const std::string& path, const EcsDefinition& definition,
                        FieldTable& table) {
    if (!definition.is_object) {
        return "field '" + path + "': the definition is not an object";
    }
    const std::string& type = definition.type;
    if (type.empty()) {
        return "field '" + path + "': 'type' is missing or not a string";
    }

    if (type == "alias") {
        if (definition.path.empty()) {
            return "field '" + path + "': an alias needs a 'path'";
        }
        table.AddAlias(path, definition.path);
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
    if (type == "object" && !definition.object_type.empty()) {
        table.AddOpenObject(path, FieldTypeFromEsType(definition.object_type));
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

// Returns the members of `object` in nlohmann's order: sorted by key, and of a key written
// twice only the last member.
std::vector<dom::key_value_pair> MembersByKey(dom::object object) {
    std::vector<dom::key_value_pair> members;
    for (dom::key_value_pair field : object) {
        members.push_back(field);
    }
    std::stable_sort(members.begin(), members.end(),
                     [](const dom::key_value_pair& a, const dom::key_value_pair& b) {
                         return a.key < b.key;
                     });
    std::vector<dom::key_value_pair> unique;
    for (size_t i = 0; i < members.size(); ++i) {
        if (i + 1 < members.size() && members[i + 1].key == members[i].key) {
            continue;
        }
        unique.push_back(members[i]);
    }
    return unique;
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
        std::string problem = AddEcsField(path, ReadDefinition(definition), *table);
        if (!problem.empty()) {
            result.error = std::string(source_name) + ": " + problem;
            return result;
        }
    }
    result.schema = std::move(table);
    return result;
}

std::optional<SchemaLoadResult> ReadEcsFlatFast(std::string_view text,
                                                std::string_view source_name) {
    // Tell the format as DetectDocumentFormat does: the first member by key decides.
    dom::parser parser;
    dom::object document;
    if (parser.parse(simdjson::padded_string(text)).get_object().get(document) !=
        simdjson::SUCCESS) {
        return std::nullopt;
    }
    std::vector<dom::key_value_pair> members = MembersByKey(document);
    if (members.empty()) {
        return std::nullopt;
    }
    for (const dom::key_value_pair& member : members) {
        if (member.key == "properties" || member.key == "mappings" || member.key == "runtime") {
            return std::nullopt;
        }
    }
    dom::object first;
    if (members.front().value.get_object().get(first) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    dom::element unused;
    if (first["mappings"].get(unused) == simdjson::SUCCESS ||
        first["flat_name"].get(unused) != simdjson::SUCCESS) {
        return std::nullopt;
    }

    SchemaLoadResult result;
    auto table = std::make_shared<FieldTable>();
    for (const dom::key_value_pair& member : members) {
        std::string path(member.key);
        std::string problem = AddEcsField(path, ReadDefinition(member.value), *table);
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
