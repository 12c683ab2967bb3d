// Shared rules of the walks that derive routing hints from a condition (required literals,
// index terms): which atoms compare a string field, and which constants match by text alone.
#pragma once

#include <string_view>

#include "engine/expr/bound_expr.hpp"
#include "engine/expr/string_ops.hpp"
#include "engine/expr/typed_values.hpp"

namespace eql::expr {

// True when the first child of `node` is a field that contains strings or may: a keyword or text
// field, or one of unknown type.
inline bool TestsStringField(const BoundExpr& node) {
    if (node.children.empty() || node.children[0]->kind != BoundKind::kField) {
        return false;
    }
    const auto& type = node.children[0]->field_type;
    return !type || *type == FieldType::kKeyword || *type == FieldType::kText;
}

// True when `literal` reads as a number, a date or a boolean. It then also matches values
// spelled otherwise (5.0 for "5"), so neither its text nor its lowered value need appear.
inline bool MatchesOtherSpellings(std::string_view literal) {
    return ParseJavaNumber(literal) || ParseIsoDateNanos(literal) || literal == "true" ||
           literal == "false";
}

}  // namespace eql::expr
