// Internal interface between the verifier's query walk (verify.cpp) and its expression checks
// (verify_expr.cpp).
#pragma once

#include <string>
#include <vector>

#include "engine/check/verify.hpp"
#include "engine/expr/bound_expr.hpp"

namespace eql::detail {

// Quotes expressions for messages: the source text when the query text is known, else the
// expression printed back from the AST.
class ExprQuoter {
public:
    explicit ExprQuoter(std::string_view text) : text_(text) {}

    // The written text of the node (Elasticsearch's sourceText()).
    std::string Source(const expr::BoundExpr& node) const;
    // The text from the start of `first` to the end of `last`, for binary operators whose
    // operands the AST keeps in one list.
    std::string Range(const expr::BoundExpr& first, const expr::BoundExpr& last) const;
    // Elasticsearch's name of an operand: a field's path, otherwise its source text.
    std::string Name(const expr::BoundExpr& node) const;

private:
    std::string_view text_;
};

// Verifies one where condition, appending its findings.
void VerifyCondition(const ast::Expr& condition, const VerifyOptions& options,
                     std::vector<Diagnostic>& diagnostics);

Diagnostic MakeFinding(std::string code, ast::Span span, std::string message);

}  // namespace eql::detail
