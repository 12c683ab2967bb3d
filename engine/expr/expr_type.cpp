// Type names and compatibility rules for the verifier and the binder.
#include "engine/expr/expr_type.hpp"

#include <limits>

namespace eql::expr {

std::string_view TypeName(ExprType type) {
    switch (type) {
        case ExprType::kNull: return "null";
        case ExprType::kBoolean: return "boolean";
        case ExprType::kInteger: return "integer";
        case ExprType::kLong: return "long";
        case ExprType::kDouble: return "double";
        case ExprType::kKeyword: return "keyword";
        case ExprType::kText: return "text";
        case ExprType::kDate: return "datetime";
        case ExprType::kIp: return "ip";
        case ExprType::kVersion: return "version";
        case ExprType::kObject: return "object";
        case ExprType::kUnsupported: return "unsupported";
        default: return "unknown";
    }
}

std::string_view MappingTypeName(ExprType type) {
    return type == ExprType::kDate ? "date" : TypeName(type);
}

std::string UpperTypeName(ExprType type) {
    std::string name(TypeName(type));
    for (char& c : name) {
        c = char(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return name;
}

bool IsStringType(ExprType type) { return type == ExprType::kKeyword || type == ExprType::kText; }

bool IsNumericType(ExprType type) {
    return type == ExprType::kInteger || type == ExprType::kLong || type == ExprType::kDouble;
}

bool IsIntegerType(ExprType type) { return type == ExprType::kInteger || type == ExprType::kLong; }

bool AreCompatible(ExprType a, ExprType b) {
    if (a == b || !IsKnownType(a) || !IsKnownType(b)) {
        return true;
    }
    return (IsStringType(a) && IsStringType(b)) || (IsNumericType(a) && IsNumericType(b));
}

ExprType FromFieldType(FieldType type) {
    switch (type) {
        case FieldType::kKeyword: return ExprType::kKeyword;
        case FieldType::kText: return ExprType::kText;
        case FieldType::kLong: return ExprType::kLong;
        case FieldType::kDouble: return ExprType::kDouble;
        case FieldType::kBoolean: return ExprType::kBoolean;
        case FieldType::kDate: return ExprType::kDate;
        case FieldType::kIp: return ExprType::kIp;
        case FieldType::kVersion: return ExprType::kVersion;
        case FieldType::kObject: return ExprType::kObject;
        default: return ExprType::kUnsupported;
    }
}

ExprType LiteralType(const ast::Literal& literal) {
    switch (literal.index()) {
        case 1: return ExprType::kBoolean;
        case 2: {
            int64_t value = std::get<int64_t>(literal);
            bool fits = value >= std::numeric_limits<int32_t>::min() &&
                        value <= std::numeric_limits<int32_t>::max();
            return fits ? ExprType::kInteger : ExprType::kLong;
        }
        case 3: return ExprType::kDouble;
        case 4: return ExprType::kKeyword;
        default: return ExprType::kNull;
    }
}

ExprType NumericPromotion(ExprType a, ExprType b) {
    if (!IsNumericType(a) || !IsNumericType(b)) {
        return (a == ExprType::kNull || b == ExprType::kNull) && a != ExprType::kUnknown &&
                       b != ExprType::kUnknown
                   ? (a == ExprType::kNull ? b : a)
                   : ExprType::kUnknown;
    }
    if (a == ExprType::kDouble || b == ExprType::kDouble) {
        return ExprType::kDouble;
    }
    if (a == ExprType::kLong || b == ExprType::kLong) {
        return ExprType::kLong;
    }
    return ExprType::kInteger;
}

}  // namespace eql::expr
