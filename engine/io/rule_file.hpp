// Rule files: elastic/detection-rules TOML files and plain `.eql` files, found in files and
// directories, read into the query text plus the metadata that changes how the query runs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eql/diagnostic.hpp"

namespace eql {

struct RuleFile {
    std::string path;
    std::string rule_id;                  // rule.rule_id; for `.eql` files the file name
    std::string name;                     // rule.name; for `.eql` files the file name
    std::string language = "eql";         // rule.language
    std::string query;                    // rule.query, exactly as the TOML string holds it
    std::vector<std::string> index;       // rule.index patterns
    std::string timestamp_override;       // rule.timestamp_override, or empty
    std::string event_category_override;  // rule.event_category_override, or empty
    std::string tiebreaker_field;         // rule.tiebreaker_field, or empty
    SourceOrigin query_origin;            // where the query's first byte sits in the file
    uint32_t query_offset = 0;            // byte offset of the query's first byte in the file
    bool query_verbatim = true;           // the file holds the query byte for byte there, so
                                          // query offsets plus query_offset are file offsets
    std::string file_text;                // the whole file, for echoing source lines
};

enum class RuleFileStatus {
    kLoaded,       // an EQL rule: `rule` is set
    kOtherLanguage,  // a rule in kuery, esql, lucene or another language: counted, not checked
    kNotARule,     // a TOML file without a [rule] table, such as a test fixture or a config file
    kInvalid,      // unreadable file or invalid TOML: `error` says where
};

struct RuleFileResult {
    RuleFileStatus status = RuleFileStatus::kInvalid;
    std::optional<RuleFile> rule;
    std::string language;                 // for kOtherLanguage
    Diagnostic error;                     // for kInvalid; offset into `file_text`
    std::string file_text;                // for kInvalid, when the file could be read
};

// The reader that parses a TOML rule file. Both give the same result for every file, because
// the fast scanner hands each file it is not sure of to toml++.
enum class RuleTomlReader {
    kFast,          // the scanner of rule_toml_scanner.hpp, falling back to toml++
    kTomlPlusPlus,  // toml++ alone: slower, for comparing the two
};

// Reads one `.toml` or `.eql` file.
RuleFileResult LoadRuleFile(const std::string& path,
                            RuleTomlReader reader = RuleTomlReader::kFast);

// Reads a rule file from `text`, its contents; `path` names it and picks the format.
RuleFileResult ParseRuleFile(const std::string& path, std::string text,
                             RuleTomlReader reader = RuleTomlReader::kFast);

// Lists the rule files under each path: a file is taken as given, a directory is searched
// recursively for `*.toml` and `*.eql`, skipping `*.test.toml` fixtures. Sorted by path within
// each directory. Paths that do not exist are returned in `missing`.
std::vector<std::string> FindRuleFiles(const std::vector<std::string>& paths,
                                       std::vector<std::string>* missing);

}  // namespace eql
