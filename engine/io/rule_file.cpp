// Reading rule files: detection-rules TOML through the fast scanner of rule_toml_scanner.hpp,
// or through toml++ when the scanner gives up, and `.eql` files as plain text. LoadRuleFile is
// the entry point; FindRuleFiles expands directories. Both TOML readers produce the same
// RuleTableFields, which one function turns into the RuleFileResult, so the two cannot differ
// in how a rule is built from its keys.
#include "engine/io/rule_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <set>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "engine/io/rule_toml_scanner.hpp"

namespace eql {
namespace {

namespace fs = std::filesystem;
using detail::RuleTableFields;

// Reads with open and read: a rule file then costs four system calls (open, a read of the text,
// the read that meets the end, close), where stdio adds an fstat and more reads. System calls
// dominate reading a corpus of small files.
bool ReadWholeFile(const std::string& path, std::string* text) {
    int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        return false;
    }
    text->clear();
    char buffer[64 * 1024];
    bool ok = true;
    for (;;) {
        ssize_t read = ::read(descriptor, buffer, sizeof(buffer));
        if (read < 0 && errno == EINTR) {
            continue;
        }
        if (read <= 0) {
            ok = read == 0;
            break;
        }
        text->append(buffer, static_cast<size_t>(read));
    }
    ::close(descriptor);
    return ok;
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

// Returns where the query's first byte sits, given the offset of its opening quote: the
// quote's line and column, moved past the delimiter and the newline TOML trims after it.
SourceOrigin LocateQuery(const std::string& path, const std::string& text, uint32_t value_offset,
                         uint32_t* query_start) {
    uint32_t query_offset = SkipStringOpening(text, value_offset);
    *query_start = query_offset;

    std::string_view before = std::string_view(text).substr(0, value_offset);
    size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    SourceOrigin origin{path, 1, 1};
    origin.line += static_cast<uint32_t>(std::count(before.begin(), before.end(), '\n'));
    for (size_t offset = line_start; offset < value_offset; ++offset) {
        bool continuation = (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80;
        origin.column += continuation ? 0 : 1;
    }

    // The delimiters are ASCII, so columns advance by bytes until a trimmed newline.
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

std::optional<std::string> StringAt(const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr || !node->is_string()) {
        return std::nullopt;
    }
    return *node->value<std::string>();
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

// Reads the rule fields with toml++, or returns the invalid-TOML finding in `invalid`.
std::optional<RuleTableFields> ReadFieldsWithToml(const std::string& path, const std::string& text,
                                                  RuleFileResult* invalid) {
    toml::table document;
    try {
        document = toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        uint32_t offset = OffsetOfLineColumn(text, begin.line, begin.column);
        *invalid = InvalidFile(path, text, offset,
                               "invalid TOML: " + std::string(error.description()));
        return std::nullopt;
    }

    RuleTableFields fields;
    const toml::table* rule = document["rule"].as_table();
    if (rule == nullptr) {
        return fields;
    }
    fields.has_rule_table = true;
    fields.language = StringAt(*rule, "language");
    fields.query = StringAt(*rule, "query");
    fields.rule_id = StringAt(*rule, "rule_id");
    fields.name = StringAt(*rule, "name");
    fields.timestamp_override = StringAt(*rule, "timestamp_override");
    fields.event_category_override = StringAt(*rule, "event_category_override");
    fields.tiebreaker_field = StringAt(*rule, "tiebreaker_field");
    if (const toml::array* index = (*rule)["index"].as_array()) {
        for (const toml::node& pattern : *index) {
            if (auto value = pattern.value<std::string>()) {
                fields.index.push_back(*value);
            }
        }
    }
    if (const toml::node* query = rule->get("query"); query != nullptr && query->is_string()) {
        const auto& begin = query->source().begin;
        fields.query_value_offset = OffsetOfLineColumn(text, begin.line, begin.column);
    }
    return fields;
}

// Builds the result of a TOML rule file from its `[rule]` keys, whichever reader found them.
RuleFileResult BuildTomlRule(const std::string& path, std::string text,
                             RuleTableFields fields) {
    RuleFileResult result;
    if (!fields.has_rule_table) {
        result.status = RuleFileStatus::kNotARule;
        return result;
    }
    std::string language = fields.language.value_or("kuery");
    if (language != "eql") {
        result.status = RuleFileStatus::kOtherLanguage;
        result.language = std::move(language);
        return result;
    }
    if (!fields.query) {
        return InvalidFile(path, std::move(text), 0, "rule.query is missing or not a string");
    }

    RuleFile loaded;
    loaded.path = path;
    loaded.language = std::move(language);
    loaded.query = std::move(*fields.query);
    loaded.rule_id = fields.rule_id.value_or(path);
    loaded.name = fields.name.value_or(loaded.rule_id);
    loaded.timestamp_override = fields.timestamp_override.value_or("");
    loaded.event_category_override = fields.event_category_override.value_or("");
    loaded.tiebreaker_field = fields.tiebreaker_field.value_or("");
    loaded.index = std::move(fields.index);
    loaded.query_origin = LocateQuery(path, text, fields.query_value_offset, &loaded.query_offset);
    loaded.query_verbatim =
        std::string_view(text).substr(loaded.query_offset, loaded.query.size()) == loaded.query;
    loaded.file_text = std::move(text);

    result.status = RuleFileStatus::kLoaded;
    result.rule = std::move(loaded);
    return result;
}

RuleFileResult LoadTomlRule(const std::string& path, std::string text, RuleTomlReader reader) {
    if (reader == RuleTomlReader::kFast) {
        if (std::optional<RuleTableFields> fields = detail::ScanRuleToml(text)) {
            return BuildTomlRule(path, std::move(text), std::move(*fields));
        }
    }
    RuleFileResult invalid;
    std::optional<RuleTableFields> fields = ReadFieldsWithToml(path, text, &invalid);
    if (!fields) {
        return invalid;
    }
    return BuildTomlRule(path, std::move(text), std::move(*fields));
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

// A suffix of the file name is a suffix of the whole path, so no file name is cut out.
bool IsRuleFileName(const std::string& path) {
    if (path.ends_with(".test.toml")) {
        return false;
    }
    return path.ends_with(".toml") || path.ends_with(".eql");
}

}  // namespace

RuleFileResult LoadRuleFile(const std::string& path, RuleTomlReader reader) {
    std::string text;
    if (!ReadWholeFile(path, &text)) {
        RuleFileResult result;
        result.status = RuleFileStatus::kInvalid;
        result.error.code = "unreadable-file";
        result.error.message = "cannot read the file";
        return result;
    }
    return ParseRuleFile(path, std::move(text), reader);
}

RuleFileResult ParseRuleFile(const std::string& path, std::string text, RuleTomlReader reader) {
    if (path.ends_with(".eql")) {
        return LoadEqlFile(path, std::move(text));
    }
    return LoadTomlRule(path, std::move(text), reader);
}

std::vector<std::string> FindRuleFiles(const std::vector<std::string>& paths,
                                       std::vector<std::string>* missing) {
    std::vector<std::string> found;
    bool may_repeat = paths.size() > 1;
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
            const std::string& name = it->path().native();
            if (IsRuleFileName(name) && it->is_regular_file(error)) {
                may_repeat = may_repeat || it->is_symlink(error);
                in_directory.push_back(name);
            }
        }
        std::sort(in_directory.begin(), in_directory.end());
        found.insert(found.end(), in_directory.begin(), in_directory.end());
    }

    // A file named twice, directly or through two directories, is read once. One directory
    // walked without symbolic links (which the walk does not follow into directories) lists
    // each file once, so the canonical paths, a system call per path component, are skipped.
    if (!may_repeat) {
        return found;
    }
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
