// Mapping preparation for the QA data sets: the text cleanup of the mapping files, dynamic
// mapping of unmapped fields, and a Schema over several indices.
// Entry points: CleanMappingText, AddDynamicFields, CombinedSchema.
#include "tests/conformance/mapping.hpp"

#include <set>

#include "engine/check/schema_loaders.hpp"

namespace eql::conformance {

using nlohmann::ordered_json;

std::string CleanMappingText(std::string_view text) {
    static constexpr std::string_view kPlaceholder = "[runtime_random_keyword_type]";
    std::string out;
    size_t begin = 0;
    while (begin <= text.size()) {
        size_t end = text.find('\n', begin);
        end = end == std::string_view::npos ? text.size() : end;
        std::string line(text.substr(begin, end - begin));
        begin = end + 1;
        if (line.starts_with('#')) {
            continue;
        }
        for (size_t at = line.find(kPlaceholder); at != std::string::npos;
             at = line.find(kPlaceholder, at)) {
            line.replace(at, kPlaceholder.size(), "keyword");
        }
        out.append(line);
        out.push_back('\n');
    }
    return out;
}

namespace {

bool IsDigits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return !text.empty();
}

// NOTE: checks only the full `yyyy-MM-dd` form, optionally followed by a 'T' time part, of
// Elasticsearch's default dynamic date formats. No unmapped string in the QA data has another
// form that could be a date.
bool LooksLikeDate(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    if (!IsDigits(text.substr(0, 4)) || !IsDigits(text.substr(5, 2)) ||
        !IsDigits(text.substr(8, 2))) {
        return false;
    }
    return text.size() == 10 || text[10] == 'T';
}

ordered_json DynamicType(const ordered_json& value) {
    if (value.is_boolean()) {
        return {{"type", "boolean"}};
    }
    if (value.is_number_integer()) {
        return {{"type", "long"}};
    }
    if (value.is_number()) {
        return {{"type", "float"}};
    }
    if (LooksLikeDate(value.get_ref<const std::string&>())) {
        return {{"type", "date"}};
    }
    return {{"type", "text"},
            {"fields", {{"keyword", {{"type", "keyword"}, {"ignore_above", 256}}}}}};
}

class DynamicMapper {
public:
    explicit DynamicMapper(ordered_json& mapping) {
        if (mapping.contains("runtime") && mapping["runtime"].is_object()) {
            for (const auto& [name, field] : mapping["runtime"].items()) {
                runtime_fields_.insert(name);
            }
        }
    }

    // Maps the fields of `object`, whose mapping node (a node with "properties") is `owner`.
    void AddObject(ordered_json& owner, const ordered_json& object, const std::string& prefix) {
        for (const auto& [key, value] : object.items()) {
            std::vector<std::string> segments = SplitPath(key);
            ordered_json* node = &owner;
            for (size_t i = 0; node != nullptr && i + 1 < segments.size(); ++i) {
                node = ObjectNode(*node, segments[i]);
            }
            if (node != nullptr) {
                AddValue(*node, segments.back(), value, prefix + key);
            }
        }
    }

private:
    static std::vector<std::string> SplitPath(const std::string& key) {
        std::vector<std::string> segments;
        size_t begin = 0;
        for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', begin)) {
            segments.push_back(key.substr(begin, dot - begin));
            begin = dot + 1;
        }
        segments.push_back(key.substr(begin));
        return segments;
    }

    // Returns the object mapping `name` under `owner`, creating it when absent. Returns null
    // when `name` is mapped as a leaf field.
    static ordered_json* ObjectNode(ordered_json& owner, const std::string& name) {
        ordered_json& properties = owner["properties"];
        if (!properties.contains(name)) {
            properties[name] = {{"properties", ordered_json::object()}};
        }
        ordered_json& child = properties[name];
        if (child.contains("type") && child["type"] != "object" && child["type"] != "nested") {
            return nullptr;
        }
        if (!child.contains("properties")) {
            child["properties"] = ordered_json::object();
        }
        return &child;
    }

    void AddValue(ordered_json& owner, const std::string& name, const ordered_json& value,
                  const std::string& path) {
        if (value.is_array()) {
            for (const ordered_json& element : value) {
                AddValue(owner, name, element, path);
            }
            return;
        }
        if (value.is_null()) {
            return;
        }
        if (value.is_object()) {
            ordered_json* child = ObjectNode(owner, name);
            if (child != nullptr) {
                AddObject(*child, value, path + ".");
            }
            return;
        }
        ordered_json& properties = owner["properties"];
        if (properties.contains(name) || runtime_fields_.count(path) != 0) {
            return;
        }
        properties[name] = DynamicType(value);
    }

    std::set<std::string> runtime_fields_;
};

}  // namespace

void AddDynamicFields(ordered_json& mapping, const ordered_json& document) {
    if (!document.is_object()) {
        return;
    }
    DynamicMapper mapper(mapping);
    mapper.AddObject(mapping, document, "");
}

std::shared_ptr<const Schema> LoadMappingSchema(std::string_view index,
                                                const std::string& mapping_json,
                                                std::vector<std::string>& errors) {
    SchemaLoadResult result = ParseIndexMapping(mapping_json, index);
    if (!result.schema) {
        errors.push_back(result.error);
        return nullptr;
    }
    return result.schema;
}

CombinedSchema::CombinedSchema(std::vector<std::shared_ptr<const Schema>> parts)
    : parts_(std::move(parts)) {}

std::optional<FieldType> CombinedSchema::Lookup(std::string_view path) const {
    std::optional<FieldType> found;
    for (const std::shared_ptr<const Schema>& part : parts_) {
        std::optional<FieldType> type = part->Lookup(path);
        if (!type) {
            continue;
        }
        if (found && *found != *type) {
            return FieldType::kUnsupported;
        }
        found = type;
    }
    return found;
}

std::optional<std::string> CombinedSchema::ResolveAlias(std::string_view path) const {
    for (const std::shared_ptr<const Schema>& part : parts_) {
        std::optional<std::string> target = part->ResolveAlias(path);
        if (target) {
            return target;
        }
    }
    return std::nullopt;
}

std::vector<std::string> CombinedSchema::FieldPaths() const {
    std::set<std::string> paths;
    for (const std::shared_ptr<const Schema>& part : parts_) {
        for (std::string& path : part->FieldPaths()) {
            paths.insert(std::move(path));
        }
    }
    return {paths.begin(), paths.end()};
}

}  // namespace eql::conformance
