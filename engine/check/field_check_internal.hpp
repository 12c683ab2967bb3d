// Parts of the field checker shared between its files: the state of one CheckFields call, the
// type rules for operators and functions, and the "did you mean" search.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check/field_check.hpp"

namespace eql::detail {

// The kind of a constant operand, for type rules. A negated number counts as a number.
enum class LiteralKind { kNull, kBoolean, kNumber, kString };

std::optional<LiteralKind> LiteralKindOf(const ast::Expr& expr);

// Returns true for the types a value can have: all but kObject, kText and kUnsupported, which
// CheckFields reports wherever such a field appears.
bool IsValueType(FieldType type);

// Returns the literal as EQL would write it, shortened past 40 characters.
std::string DescribeLiteral(const ast::Expr& expr);

class FieldCheckContext {
public:
    FieldCheckContext(const Schema& schema, const FieldCheckOptions& options)
        : schema_(schema), options_(options) {}

    // Returns the type of `expr` when it is a field that the schema defines, else nothing.
    // A field inside a nested container counts as kUnsupported, since EQL cannot search it.
    std::optional<FieldType> TypeOf(const ast::Expr& expr) const;
    std::optional<FieldType> TypeOf(const ast::FieldRef& field) const;

    // Returns the nested container that holds `field`, or nothing.
    std::optional<std::string> NestedContainer(const ast::FieldRef& field) const;

    void Report(Severity severity, std::string code, ast::Span span, std::string message,
                std::string note = {});

    // Returns the schema's field paths, read once per check, or shared with other checks
    // through the schema's PathIndex.
    const std::vector<std::string>& CandidatePaths();

    // Returns the "did you mean" path for the unknown `path` (SuggestField over
    // CandidatePaths), remembered in the schema's PathIndex when it has one.
    std::optional<std::string> Suggest(std::string_view path);

    const FieldCheckOptions& options() const { return options_; }
    std::vector<Diagnostic> TakeDiagnostics();

private:
    const Schema& schema_;
    const FieldCheckOptions& options_;
    std::vector<Diagnostic> diagnostics_;
    std::optional<std::vector<std::string>> candidate_paths_;
    std::shared_ptr<const FieldPathIndex> path_index_;
    bool path_index_read_ = false;
};

// Applies the type rules of one node to its direct operands: ':', like, regex and `in`
// predicates, comparisons with a literal, and the first argument of cidrMatch.
void CheckOperandTypes(const ast::Expr& node, FieldCheckContext& context);

// Returns the candidate closest to `path` by edit distance (insertions, deletions,
// substitutions and swaps of adjacent characters), or nothing when none is close enough.
std::optional<std::string> SuggestField(std::string_view path,
                                        const std::vector<std::string>& candidates);

}  // namespace eql::detail
