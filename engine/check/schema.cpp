// Helpers shared by the schema loaders: type names, the Elasticsearch type table, reading a
// plain or gzip file, and parsing JSON with a positioned error message.
#include "engine/check/schema.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "engine/check/schema_json.hpp"
#include "engine/check/schema_loaders.hpp"

namespace eql {
namespace {

struct EsTypeRow {
    std::string_view name;
    FieldType type;
};

// Elasticsearch field types with a FieldType other than kUnsupported.
constexpr std::array kEsTypes = {
    EsTypeRow{"keyword", FieldType::kKeyword},
    EsTypeRow{"constant_keyword", FieldType::kKeyword},
    EsTypeRow{"wildcard", FieldType::kKeyword},
    EsTypeRow{"text", FieldType::kText},
    EsTypeRow{"match_only_text", FieldType::kText},
    EsTypeRow{"annotated_text", FieldType::kText},
    EsTypeRow{"search_as_you_type", FieldType::kText},
    EsTypeRow{"semantic_text", FieldType::kText},
    EsTypeRow{"long", FieldType::kLong},
    EsTypeRow{"integer", FieldType::kLong},
    EsTypeRow{"short", FieldType::kLong},
    EsTypeRow{"byte", FieldType::kLong},
    EsTypeRow{"unsigned_long", FieldType::kLong},
    EsTypeRow{"token_count", FieldType::kLong},
    EsTypeRow{"double", FieldType::kDouble},
    EsTypeRow{"float", FieldType::kDouble},
    EsTypeRow{"half_float", FieldType::kDouble},
    EsTypeRow{"scaled_float", FieldType::kDouble},
    EsTypeRow{"boolean", FieldType::kBoolean},
    EsTypeRow{"date", FieldType::kDate},
    EsTypeRow{"date_nanos", FieldType::kDate},
    EsTypeRow{"ip", FieldType::kIp},
    EsTypeRow{"version", FieldType::kVersion},
    EsTypeRow{"object", FieldType::kObject},
    EsTypeRow{"nested", FieldType::kObject},
    EsTypeRow{"flattened", FieldType::kObject},
};

// Returns the text of a nlohmann parse error after its "[json.exception...] parse error at
// line L, column C: " prefix, which the caller replaces with its own position.
std::string_view StripJsonErrorPrefix(std::string_view what) {
    std::size_t column = what.find("column ");
    if (column == std::string_view::npos) {
        return what;
    }
    std::size_t colon = what.find(": ", column);
    if (colon == std::string_view::npos) {
        return what;
    }
    return what.substr(colon + 2);
}

}  // namespace

bool FieldPathIndex::FindSuggestion(std::string_view path,
                                    std::optional<std::string>* suggestion) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = suggestions_.find(std::string(path));
    if (found == suggestions_.end()) {
        return false;
    }
    *suggestion = found->second;
    return true;
}

void FieldPathIndex::StoreSuggestion(std::string_view path,
                                     const std::optional<std::string>& suggestion) const {
    std::lock_guard<std::mutex> lock(mutex_);
    suggestions_.emplace(std::string(path), suggestion);
}

std::string_view FieldTypeName(FieldType type) {
    switch (type) {
        case FieldType::kKeyword: return "keyword";
        case FieldType::kText: return "text";
        case FieldType::kLong: return "long";
        case FieldType::kDouble: return "double";
        case FieldType::kBoolean: return "boolean";
        case FieldType::kDate: return "date";
        case FieldType::kIp: return "ip";
        case FieldType::kVersion: return "version";
        case FieldType::kObject: return "object";
        case FieldType::kUnsupported: return "unsupported";
    }
    return "unsupported";
}

bool IsStringType(FieldType type) {
    return type == FieldType::kKeyword || type == FieldType::kText;
}

bool IsNumericType(FieldType type) {
    return type == FieldType::kLong || type == FieldType::kDouble;
}

FieldType FieldTypeFromEsType(std::string_view es_type) {
    for (const EsTypeRow& row : kEsTypes) {
        if (row.name == es_type) {
            return row.type;
        }
    }
    return FieldType::kUnsupported;
}

std::optional<std::string> ReadSchemaFile(const std::string& path, std::string* error) {
    // zlib reads files without the gzip header as they are, so one path serves both forms.
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) {
        *error = path + ": cannot open file: " + std::strerror(errno);
        return std::nullopt;
    }

    std::string text;
    std::array<char, 65536> buffer{};
    while (true) {
        int read = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()));
        if (read < 0) {
            int code = 0;
            *error = path + ": cannot read file: " + gzerror(file, &code);
            gzclose(file);
            return std::nullopt;
        }
        if (read == 0) {
            break;
        }
        text.append(buffer.data(), static_cast<std::size_t>(read));
    }

    // A truncated gzip stream ends without an error from gzread; gzclose reports it.
    if (gzclose(file) != Z_OK) {
        *error = path + ": cannot read file: the gzip stream is truncated or corrupt";
        return std::nullopt;
    }
    return text;
}

std::optional<SchemaFormat> DetectSchemaFormat(std::string_view text, std::string_view source_name,
                                               std::string* error) {
    // Index mappings from the Elasticsearch test suite start with '#' comment lines.
    std::string json_text = detail::BlankCommentLines(text);
    std::optional<nlohmann::json> document = detail::ParseSchemaJson(json_text, source_name, error);
    if (!document) {
        return std::nullopt;
    }
    return detail::DetectDocumentFormat(*document, source_name, error);
}

namespace detail {

std::optional<SchemaFormat> DetectDocumentFormat(const nlohmann::json& document,
                                                 std::string_view source_name, std::string* error) {
    if (!document.is_object() || document.empty()) {
        *error = std::string(source_name) + ": not a schema: expected a JSON object with members";
        return std::nullopt;
    }

    if (document.contains("properties") || document.contains("mappings") ||
        document.contains("runtime")) {
        return SchemaFormat::kIndexMapping;
    }
    const nlohmann::json& first = *document.begin();
    if (first.is_object() && first.contains("mappings")) {
        return SchemaFormat::kIndexMapping;
    }
    if (first.is_object() && first.contains("flat_name")) {
        return SchemaFormat::kEcsFlat;
    }
    return SchemaFormat::kIndexPatternLists;
}

std::string BlankCommentLines(std::string_view text) {
    std::string blanked(text);
    std::size_t line_start = 0;
    while (line_start < blanked.size()) {
        std::size_t line_end = blanked.find('\n', line_start);
        if (line_end == std::string::npos) {
            line_end = blanked.size();
        }
        std::size_t first = blanked.find_first_not_of(" \t\r", line_start);
        if (first < line_end && blanked[first] == '#') {
            blanked.replace(line_start, line_end - line_start, line_end - line_start, ' ');
        }
        line_start = line_end + 1;
    }
    return blanked;
}

std::string DescribeOffset(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

std::optional<nlohmann::json> ParseSchemaJson(std::string_view text, std::string_view source_name,
                                              std::string* error) {
    // nlohmann reports the position only through its exception; it stops here.
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& failure) {
        // `byte` counts the characters read, so the offending one sits just before it.
        std::size_t offset = failure.byte > 0 ? failure.byte - 1 : 0;
        *error = std::string(source_name) + ":" + DescribeOffset(text, offset) +
                 ": invalid JSON: " + std::string(StripJsonErrorPrefix(failure.what()));
        return std::nullopt;
    }
}

}  // namespace detail
}  // namespace eql
