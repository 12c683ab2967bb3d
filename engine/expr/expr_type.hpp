// The data types of EQL expressions as Elasticsearch's verifier names them, derived from
// literals, function signatures and (when a schema is given) field mappings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/check/schema.hpp"
#include "grammar/ast.hpp"

namespace eql::expr {

enum class ExprType : uint8_t {
    kUnknown,  // a field no schema describes: checks that need its type are skipped
    kNull,
    kBoolean,
    kInteger,  // integer literals that fit 32 bits, length(), indexOf()
    kLong,
    kDouble,
    kKeyword,
    kText,
    kDate,
    kIp,
    kVersion,
    kObject,
    kUnsupported,
};

// The type name used in "found value [x] type [t]" messages: "keyword", "datetime", ...
std::string_view TypeName(ExprType type);
// The mapping type name used in join-key messages: "keyword", "date", ...
std::string_view MappingTypeName(ExprType type);
// The upper-case name of "Condition expression needs to be boolean, found [LONG]".
std::string UpperTypeName(ExprType type);

bool IsStringType(ExprType type);
bool IsNumericType(ExprType type);
bool IsIntegerType(ExprType type);
// Types a check can rely on: neither unknown nor null (null passes every check, as in ES).
inline bool IsKnownType(ExprType type) {
    return type != ExprType::kUnknown && type != ExprType::kNull;
}
// Elasticsearch's compatibility of two types: equal, both strings, both numeric, or one null.
bool AreCompatible(ExprType a, ExprType b);

ExprType FromFieldType(FieldType type);
ExprType LiteralType(const ast::Literal& literal);
// The result type of arithmetic on `a` and `b` (double wins, then long, then integer).
ExprType NumericPromotion(ExprType a, ExprType b);

}  // namespace eql::expr
