// Reading rule files: detection-rules TOML through toml++, `.eql` files as plain text.
// LoadRuleFile is the entry point; FindRuleFiles expands directories.
// The query's position inside the TOML file is recovered from toml++'s source region of the
// `rule.query` value, so that diagnostics can name file lines rather than query lines.
#include "engine/io/rule_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

namespace eql {
namespace {

namespace fs = std::filesystem;

bool ReadWholeFile(const std::string& path, std::string* text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    *text = buffer.str();
    return !in.bad();
}

// Returns the byte offset of a 1-based line and column (columns counted in code points).
uint32_t OffsetOfLineColumn(std::string_view text, uint32_t line, uint32_t column) {
    size_t offset = 0;
    for (uint32_t current = 1; current < line && offset < text.size(); ++offset) {
        if (text[offset] == '\n') {
            ++current;
        }
    }
    for (uint32_t current = 1; current < column && offset < text.size(); ++offset) {
        bool continuation = (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80;
        if (!continuation) {
            ++current;
        }
        while (offset + 1 < text.size() &&
               (static_cast<unsigned char>(text[offset + 1]) & 0xC0) == 0x80) {
            ++offset;
        }
    }
    return static_cast<uint32_t>(std::min(offset, text.size()));
}

// Moves past a TOML string's opening delimiter, and past the newline that TOML trims right
// after an opening triple quote.
uint32_t SkipStringOpening(std::string_view text, uint32_t offset) {
    std::string_view rest = text.substr(offset);
    bool triple = rest.starts_with("'''") || rest.starts_with("\"\"\"");
    if (!triple) {
        return offset + 1;
    }
    offset += 3;
    if (text.substr(offset).starts_with("\r\n")) {
        offset += 2;
    } else if (text.substr(offset).starts_with("\n")) {
        offset += 1;
    }
    return offset;
}

SourceOrigin LocateQuery(const std::string& path, const std::string& text,
                         const toml::source_region& region, uint32_t* query_start) {
    uint32_t value_offset = OffsetOfLineColumn(text, region.begin.line, region.begin.column);
    uint32_t query_offset = SkipStringOpening(text, value_offset);
    *query_start = query_offset;

    // The delimiters are ASCII, so columns advance by bytes until a trimmed newline.
    SourceOrigin origin{path, region.begin.line, region.begin.column};
    for (uint32_t offset = value_offset; offset < query_offset; ++offset) {
        if (text[offset] == '\n') {
            ++origin.line;
            origin.column = 1;
        } else if (text[offset] != '\r') {
            ++origin.column;
        }
    }
    return origin;
}

std::string StringOr(toml::node_view<toml::node> node, std::string fallback = "") {
    return node.value<std::string>().value_or(fallback);
}

RuleFileResult InvalidFile(const std::string& path, std::string text, uint32_t offset,
                           std::string message) {
    RuleFileResult result;
    result.status = RuleFileStatus::kInvalid;
    result.error.code = "invalid-rule-file";
    result.error.offset = offset;
    result.error.message = std::move(message);
    result.file_text = std::move(text);
    (void)path;
    return result;
}

RuleFileResult LoadTomlRule(const std::string& path, std::string text) {
    toml::table document;
    try {
        document = toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        uint32_t offset = OffsetOfLineColumn(text, begin.line, begin.column);
        return InvalidFile(path, std::move(text), offset,
                           "invalid TOML: " + std::string(error.description()));
    }

    const toml::table* rule_table = document["rule"].as_table();
    if (rule_table == nullptr) {
        RuleFileResult result;
        result.status = RuleFileStatus::kNotARule;
        return result;
    }
    auto rule = document["rule"];
    std::string language = StringOr(rule["language"], "kuery");
    if (language != "eql") {
        RuleFileResult result;
        result.status = RuleFileStatus::kOtherLanguage;
        result.language = language;
        return result;
    }

    const toml::node* query_node = rule_table->get("query");
    if (query_node == nullptr || !query_node->is_string()) {
        return InvalidFile(path, std::move(text), 0, "rule.query is missing or not a string");
    }

    RuleFile loaded;
    loaded.path = path;
    loaded.language = language;
    loaded.query = *query_node->value<std::string>();
    loaded.rule_id = StringOr(rule["rule_id"], path);
    loaded.name = StringOr(rule["name"], loaded.rule_id);
    loaded.timestamp_override = StringOr(rule["timestamp_override"]);
    loaded.event_category_override = StringOr(rule["event_category_override"]);
    loaded.tiebreaker_field = StringOr(rule["tiebreaker_field"]);
    if (const toml::array* index = rule["index"].as_array()) {
        for (const toml::node& pattern : *index) {
            if (auto value = pattern.value<std::string>()) {
                loaded.index.push_back(*value);
            }
        }
    }
    loaded.query_origin = LocateQuery(path, text, query_node->source(), &loaded.query_offset);
    loaded.query_verbatim =
        std::string_view(text).substr(loaded.query_offset, loaded.query.size()) == loaded.query;
    loaded.file_text = std::move(text);

    RuleFileResult result;
    result.status = RuleFileStatus::kLoaded;
    result.rule = std::move(loaded);
    return result;
}

RuleFileResult LoadEqlFile(const std::string& path, std::string text) {
    RuleFile loaded;
    loaded.path = path;
    loaded.rule_id = fs::path(path).stem().string();
    loaded.name = loaded.rule_id;
    loaded.query = text;
    loaded.query_origin = SourceOrigin{path, 1, 1};
    loaded.file_text = std::move(text);

    RuleFileResult result;
    result.status = RuleFileStatus::kLoaded;
    result.rule = std::move(loaded);
    return result;
}

bool IsRuleFileName(const fs::path& path) {
    std::string name = path.filename().string();
    if (name.ends_with(".test.toml")) {
        return false;
    }
    return name.ends_with(".toml") || name.ends_with(".eql");
}

}  // namespace

RuleFileResult LoadRuleFile(const std::string& path) {
    std::string text;
    if (!ReadWholeFile(path, &text)) {
        RuleFileResult result;
        result.status = RuleFileStatus::kInvalid;
        result.error.code = "unreadable-file";
        result.error.message = "cannot read the file";
        return result;
    }
    if (path.ends_with(".eql")) {
        return LoadEqlFile(path, std::move(text));
    }
    return LoadTomlRule(path, std::move(text));
}

std::vector<std::string> FindRuleFiles(const std::vector<std::string>& paths,
                                       std::vector<std::string>* missing) {
    std::vector<std::string> found;
    for (const std::string& path : paths) {
        std::error_code error;
        if (fs::is_regular_file(path, error)) {
            found.push_back(path);
            continue;
        }
        if (!fs::is_directory(path, error)) {
            if (missing != nullptr) {
                missing->push_back(path);
            }
            continue;
        }

        std::vector<std::string> in_directory;
        auto options = fs::directory_options::skip_permission_denied;
        for (fs::recursive_directory_iterator it(path, options, error), end; it != end;
             it.increment(error)) {
            if (error) {
                break;
            }
            if (it->is_regular_file(error) && IsRuleFileName(it->path())) {
                in_directory.push_back(it->path().string());
            }
        }
        std::sort(in_directory.begin(), in_directory.end());
        found.insert(found.end(), in_directory.begin(), in_directory.end());
    }

    // A file named twice, directly or through two directories, is read once.
    std::vector<std::string> unique;
    std::set<std::string> seen;
    for (std::string& path : found) {
        if (seen.insert(fs::weakly_canonical(path).string()).second) {
            unique.push_back(std::move(path));
        }
    }
    return unique;
}

}  // namespace eql
