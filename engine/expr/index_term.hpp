// Index terms: a field of a condition whose value alone can rule the condition out, so that the
// stage router looks a stage up by that field's value instead of testing it on every event.
#pragma once

#include <optional>

#include "engine/expr/bound_expr.hpp"
#include "engine/expr/condition.hpp"

namespace eql::expr {

// Finds, among the conjuncts of folded `tree` that must all be true, one that holds only when
// the field `IndexTerm::path` has a string value equal to one of a few constants, and returns
// it. Returns nothing when no conjunct is of that form.
std::optional<IndexTerm> FindIndexTerm(const BoundExpr& tree);

}  // namespace eql::expr
