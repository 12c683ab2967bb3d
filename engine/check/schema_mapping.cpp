// Loads an Elasticsearch index mapping into a FieldTable: `properties` with nested objects,
// multi-fields, aliases, flattened fields and runtime fields. Accepts the `GET index/_mapping`
// response, an index creation body and the bare `{"properties": ...}` object.
// Entry points: LoadIndexMapping and ParseIndexMapping.
#include <string>

#include "engine/check/schema_json.hpp"
#include "engine/check/schema_loaders.hpp"

namespace eql {
namespace {

using nlohmann::json;

// Elasticsearch itself stops at 20 levels (`index.mapping.depth.limit`); the bound here only
// keeps a hostile file from exhausting the stack.
constexpr int kMaxMappingDepth = 64;

// The Elasticsearch test suite writes this placeholder for a type (and a sub-field name) that
// its data loader replaces with one of the keyword family.
constexpr std::string_view kRandomKeywordType = "[runtime_random_keyword_type]";

std::string_view NormalizeName(std::string_view name) {
    return name == kRandomKeywordType ? std::string_view("keyword") : name;
}

// Returns the `type` member: the placeholder becomes "keyword", and a missing type (which
// Elasticsearch reads as an object) becomes "object". Sets `problem` when it is not a string.
std::string TypeOf(const json& definition, std::string* problem) {
    auto found = definition.find("type");
    if (found == definition.end()) {
        return "object";
    }
    if (!found->is_string()) {
        *problem = "'type' is not a string";
        return {};
    }
    return std::string(NormalizeName(found->get_ref<const std::string&>()));
}

class MappingReader {
public:
    MappingReader(std::string_view source_name, FieldTable& table)
        : source_name_(source_name), table_(table) {}

    bool ReadMappingBody(const json& body);
    const std::string& error() const { return error_; }

private:
    bool ReadProperties(const json& properties, const std::string& prefix, int depth);
    bool ReadField(const std::string& path, const json& definition, int depth);
    FieldType ReadMultiFields(const std::string& path, const json& definition, FieldType type);
    bool ReadRuntime(const json& runtime);
    bool Fail(const std::string& path, const std::string& problem);

    std::string_view source_name_;
    FieldTable& table_;
    std::string error_;
};

bool MappingReader::Fail(const std::string& path, const std::string& problem) {
    error_ = std::string(source_name_) + ": field '" + path + "': " + problem;
    return false;
}

bool MappingReader::ReadMappingBody(const json& body) {
    if (!body.is_object()) {
        error_ = std::string(source_name_) + ": 'mappings' is not an object";
        return false;
    }

    // Mappings from before Elasticsearch 7 put one type name, such as `_doc`, above them.
    const json* mapping = &body;
    if (!body.contains("properties") && !body.contains("runtime") && body.size() == 1 &&
        body.begin()->is_object() && body.begin()->contains("properties")) {
        mapping = &*body.begin();
    }

    auto properties = mapping->find("properties");
    if (properties != mapping->end() && !ReadProperties(*properties, "", 1)) {
        return false;
    }
    // Runtime fields come last because they shadow mapped fields of the same name.
    auto runtime = mapping->find("runtime");
    return runtime == mapping->end() || ReadRuntime(*runtime);
}

bool MappingReader::ReadProperties(const json& properties, const std::string& prefix,
                                   int depth) {
    if (!properties.is_object()) {
        return Fail(prefix.empty() ? "properties" : prefix, "'properties' is not an object");
    }
    if (depth > kMaxMappingDepth) {
        return Fail(prefix, "objects nest deeper than " + std::to_string(kMaxMappingDepth) +
                                " levels");
    }
    for (const auto& [name, definition] : properties.items()) {
        std::string path = prefix.empty() ? name : prefix + "." + name;
        if (!ReadField(path, definition, depth)) {
            return false;
        }
    }
    return true;
}

bool MappingReader::ReadField(const std::string& path, const json& definition, int depth) {
    if (!definition.is_object()) {
        return Fail(path, "the definition is not an object");
    }
    std::string problem;
    std::string type = TypeOf(definition, &problem);
    if (!problem.empty()) {
        return Fail(path, problem);
    }

    if (type == "alias") {
        auto target = definition.find("path");
        if (target == definition.end() || !target->is_string()) {
            return Fail(path, "an alias needs a string 'path'");
        }
        table_.AddAlias(path, target->get_ref<const std::string&>());
        return true;
    }
    if (type == "flattened") {
        // NOTE: Elasticsearch's field capabilities list only the root of a flattened field, so
        // its EQL may reject a sub-key that this table accepts as keyword.
        table_.AddOpenObject(path, FieldType::kKeyword);
        return true;
    }
    if (type == "object" || type == "nested") {
        if (type == "nested") {
            table_.AddNested(path);
        } else {
            table_.AddField(path, FieldType::kObject);
        }
        auto properties = definition.find("properties");
        return properties == definition.end() || ReadProperties(*properties, path, depth + 1);
    }

    FieldType field_type = ReadMultiFields(path, definition, FieldTypeFromEsType(type));
    if (!error_.empty()) {
        return false;
    }
    table_.AddField(path, field_type);
    return true;
}

// Adds the multi-fields under `fields` and returns the parent's type: text with a keyword
// sub-field counts as keyword, because Elasticsearch runs exact matches on that sub-field.
FieldType MappingReader::ReadMultiFields(const std::string& path, const json& definition,
                                         FieldType type) {
    auto fields = definition.find("fields");
    if (fields == definition.end()) {
        return type;
    }
    if (!fields->is_object()) {
        Fail(path, "'fields' is not an object");
        return type;
    }
    bool has_keyword = false;
    for (const auto& [name, sub_definition] : fields->items()) {
        std::string sub_path = path + "." + std::string(NormalizeName(name));
        if (!sub_definition.is_object()) {
            Fail(sub_path, "the definition is not an object");
            return type;
        }
        std::string problem;
        FieldType sub_type = FieldTypeFromEsType(TypeOf(sub_definition, &problem));
        if (!problem.empty()) {
            Fail(sub_path, problem);
            return type;
        }
        table_.AddField(sub_path, sub_type);
        has_keyword = has_keyword || sub_type == FieldType::kKeyword;
    }
    return type == FieldType::kText && has_keyword ? FieldType::kKeyword : type;
}

bool MappingReader::ReadRuntime(const json& runtime) {
    if (!runtime.is_object()) {
        return Fail("runtime", "'runtime' is not an object");
    }
    for (const auto& [name, definition] : runtime.items()) {
        if (!definition.is_object()) {
            return Fail(name, "the runtime field definition is not an object");
        }
        std::string problem;
        std::string type = TypeOf(definition, &problem);
        if (!problem.empty()) {
            return Fail(name, problem);
        }
        if (type != "composite") {
            table_.AddField(name, FieldTypeFromEsType(type));
            continue;
        }

        // A composite runtime field emits the sub-fields listed under `fields`.
        auto fields = definition.find("fields");
        if (fields == definition.end() || !fields->is_object()) {
            return Fail(name, "a composite runtime field needs a 'fields' object");
        }
        for (const auto& [sub_name, sub_definition] : fields->items()) {
            std::string sub_type =
                sub_definition.is_object() ? TypeOf(sub_definition, &problem) : "";
            if (!problem.empty()) {
                return Fail(name + "." + sub_name, problem);
            }
            table_.AddField(name + "." + sub_name, FieldTypeFromEsType(sub_type));
        }
    }
    return true;
}

// Reads every mapping body of the document into `table`.
bool ReadMappingDocument(const json& document, std::string_view source_name, FieldTable& table,
                         std::string* error) {
    MappingReader reader(source_name, table);
    auto finish = [&](bool ok) {
        *error = reader.error();
        return ok;
    };
    if (document.contains("properties") || document.contains("runtime")) {
        return finish(reader.ReadMappingBody(document));
    }
    if (auto mappings = document.find("mappings"); mappings != document.end()) {
        return finish(reader.ReadMappingBody(*mappings));
    }

    // `GET index/_mapping` returns {"index-name": {"mappings": {...}}, ...}.
    for (const auto& [index, body] : document.items()) {
        auto mappings = body.is_object() ? body.find("mappings") : body.end();
        if (!body.is_object() || mappings == body.end()) {
            *error = std::string(source_name) + ": not an index mapping: expected 'properties', "
                     "'mappings' or an object from index name to {\"mappings\": ...}, found '" +
                     index + "'";
            return false;
        }
        // Known gap: a field mapped with different types in two indices takes the later type;
        // Elasticsearch would report the conflict instead.
        if (!reader.ReadMappingBody(*mappings)) {
            return finish(false);
        }
    }
    return true;
}

}  // namespace

SchemaLoadResult ParseIndexMapping(std::string_view text, std::string_view source_name) {
    SchemaLoadResult result;
    std::string json_text = detail::BlankCommentLines(text);
    std::optional<json> document = detail::ParseSchemaJson(json_text, source_name, &result.error);
    if (!document) {
        return result;
    }
    return detail::ReadIndexMappingDocument(*document, source_name);
}

namespace detail {

SchemaLoadResult ReadIndexMappingDocument(const nlohmann::json& document,
                                          std::string_view source_name) {
    SchemaLoadResult result;
    if (!document.is_object()) {
        result.error = std::string(source_name) + ": not an index mapping: expected an object";
        return result;
    }

    auto table = std::make_shared<FieldTable>();
    if (!ReadMappingDocument(document, source_name, *table, &result.error)) {
        return result;
    }
    // Elasticsearch refuses an alias whose target is not mapped, so such a file is broken.
    auto dangling = table->DanglingAliases();
    if (!dangling.empty()) {
        result.error = std::string(source_name) + ": field '" + dangling.front().first +
                       "': the alias path '" + dangling.front().second +
                       "' is not a field of the mapping";
        return result;
    }
    result.schema = std::move(table);
    return result;
}

}  // namespace detail

SchemaLoadResult LoadIndexMapping(const std::string& path) {
    SchemaLoadResult result;
    std::optional<std::string> text = ReadSchemaFile(path, &result.error);
    if (!text) {
        return result;
    }
    return ParseIndexMapping(*text, path);
}

}  // namespace eql
