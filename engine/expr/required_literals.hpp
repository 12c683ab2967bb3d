// Required literals of a condition, for skipping event lines before they are parsed.
#pragma once

#include "engine/expr/bound_expr.hpp"
#include "engine/expr/condition.hpp"

namespace eql::expr {

// Lists the literals of the conjuncts of folded `tree` that every accepted event must contain
// in its raw JSON text (see RequiredLiterals). Returns nothing for a conjunct it is unsure of.
RequiredLiterals ListRequiredLiterals(const BoundExpr& tree);

}  // namespace eql::expr
