// Compiling rules for the commands: which CompileOptions a rule file implies, and the rule
// diagnostics printed against the rule file's own lines.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eql/engine.hpp"
#include "engine/io/rule_file.hpp"

namespace eql::cli {

// Event field options given on the command line; a rule file's own settings override them.
struct EventFieldOptions {
    std::string timestamp_field = "@timestamp";
    std::string tiebreaker_field;
    std::string category_field = "event.category";
};

struct CompiledRule {
    RuleFile rule;
    std::shared_ptr<const Plan> plan;      // null when the rule has errors
    std::vector<Diagnostic> diagnostics;
    std::shared_ptr<const ast::Query> query;  // the parsed query, or null after a syntax error
};

// Returns the options a rule runs with: its timestamp_override (falling back to the command's
// timestamp field for events that lack it), event_category_override and tiebreaker_field.
CompileOptions OptionsForRule(const RuleFile& rule, const EventFieldOptions& fields);

CompiledRule CompileRule(RuleFile rule, EventLayout& layout, const CompileOptions& options);

// Returns a rule file with only its path and text, so that a diagnostic on a file that did not
// load as a rule can be located and shown.
RuleFile FileTextOnly(const std::string& path, const std::string& file_text);

// Formats a rule's diagnostic with its file position, source line and caret.
std::string FormatRuleDiagnostic(const RuleFile& rule, const Diagnostic& diagnostic);

// Returns the file line and column of a rule's diagnostic.
LineColumn LocateRuleDiagnostic(const RuleFile& rule, const Diagnostic& diagnostic);

// Counts the errors (not warnings) in `diagnostics`.
size_t CountErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace eql::cli
