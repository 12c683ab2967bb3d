// How an event value compares with a constant: value-directed when no schema types the field
// (a number against a string literal parses the literal, a string against a number literal uses
// the literal's canonical text, ISO dates compare as dates), and coerced to the field's type
// when a schema gives one (keyword, numeric, boolean, date, ip, version).
#pragma once

#include <optional>
#include <string>

#include "engine/check/schema.hpp"
#include "engine/expr/ip_address.hpp"
#include "engine/expr/scalar.hpp"
#include "grammar/ast.hpp"

namespace eql::expr {

// The constant side of a comparison, with its conversions worked out once.
class Comparand {
public:
    Comparand(const Scalar& literal, std::optional<FieldType> field_type);
    Comparand(const Comparand&) = delete;
    Comparand& operator=(const Comparand&) = delete;

    // Returns `value op literal` for a non-null value; false when the two cannot be compared
    // (and true for kNe, its negation).
    bool Test(const Scalar& value, ast::CompareOp op) const;

    const Scalar& literal() const { return literal_; }

private:
    std::optional<int> Order(const Scalar& value) const;
    std::optional<int> OrderValueDirected(const Scalar& value) const;
    std::optional<int> OrderTyped(const Scalar& value, FieldType type) const;
    bool EqualsTyped(const Scalar& value, FieldType type, bool& decided) const;

    std::string text_;            // owns the literal's string
    Scalar literal_;
    std::string canonical_text_;  // the literal as text ("5", "5.5", "true")
    std::optional<Scalar> number_;
    std::optional<bool> boolean_;
    std::optional<int64_t> date_ns_;       // value-directed: ISO-8601 literals only
    std::optional<int64_t> typed_date_ns_;  // date fields: ISO-8601 or epoch milliseconds
    std::optional<IpAddress> ip_;
    std::optional<CidrBlock> cidr_;
    std::optional<FieldType> field_type_;
};

// Compares two values computed at run time (a script comparison whose right side is not a
// constant). Null when either side is null.
Scalar CompareDynamic(const Scalar& left, ast::CompareOp op, const Scalar& right);

// `a op b` for the mirror image `b op' a`: < becomes >, <= becomes >=, == and != stay.
ast::CompareOp MirrorCompare(ast::CompareOp op);
// The negation of a comparison: == and !=, < and >=, <= and >.
ast::CompareOp NegateCompare(ast::CompareOp op);

}  // namespace eql::expr
