// Rule compilation and diagnostic formatting for the commands.
#include "cli/rule_set.hpp"

#include <utility>

#include "engine/api/rule_options.hpp"

namespace eql::cli {

CompileOptions OptionsForRule(const RuleFile& rule, const EventFieldOptions& fields) {
    CompileOptions command;
    command.timestamp_field = fields.timestamp_field;
    command.event_category_field = fields.category_field;
    command.tiebreaker_field = fields.tiebreaker_field;
    return eql::OptionsForRule(rule, std::move(command));
}

CompiledRule CompileRule(RuleFile rule, EventLayout& layout, const CompileOptions& options) {
    CompileResult result = Compile(rule.query, layout, options);
    CompiledRule compiled;
    compiled.rule = std::move(rule);
    compiled.plan = std::move(result.plan);
    compiled.diagnostics = std::move(result.diagnostics);
    compiled.query = std::move(result.query);
    return compiled;
}

RuleFile FileTextOnly(const std::string& path, const std::string& file_text) {
    RuleFile file;
    file.path = path;
    file.file_text = file_text;
    return file;
}

std::string FormatRuleDiagnostic(const RuleFile& rule, const Diagnostic& diagnostic) {
    // Where the file holds the query verbatim, format against the whole file so that the
    // echoed line is the file's line; otherwise against the query text shifted by its origin.
    if (rule.query_verbatim && !rule.file_text.empty()) {
        Diagnostic in_file = diagnostic;
        in_file.offset += rule.query_offset;
        return FormatDiagnostic(rule.file_text, in_file, SourceOrigin{rule.path, 1, 1});
    }
    return FormatDiagnostic(rule.query, diagnostic, rule.query_origin);
}

LineColumn LocateRuleDiagnostic(const RuleFile& rule, const Diagnostic& diagnostic) {
    if (rule.query_verbatim && !rule.file_text.empty()) {
        return LocateOffset(rule.file_text, diagnostic.offset + rule.query_offset,
                            SourceOrigin{rule.path, 1, 1});
    }
    return LocateOffset(rule.query, diagnostic.offset, rule.query_origin);
}

size_t CountErrors(const std::vector<Diagnostic>& diagnostics) {
    size_t errors = 0;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.severity == Severity::kError) {
            ++errors;
        }
    }
    return errors;
}

}  // namespace eql::cli
