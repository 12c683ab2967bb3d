// Comparison of event values with constants, value-directed or typed by a schema. Comparand
// precomputes every reading of the literal (number, boolean, date, address, canonical text),
// so a test per event parses at most the event's value.
#include "engine/expr/comparison.hpp"

#include <cmath>

#include "engine/expr/string_ops.hpp"
#include "engine/expr/typed_values.hpp"

namespace eql::expr {

namespace {

int Sign(int order) { return order < 0 ? -1 : (order > 0 ? 1 : 0); }

std::optional<int> CompareNumbers(const Scalar& a, const Scalar& b) {
    if (a.kind == Scalar::Kind::kLong && b.kind == Scalar::Kind::kLong) {
        return a.integer < b.integer ? -1 : (a.integer > b.integer ? 1 : 0);
    }
    long double x = a.kind == Scalar::Kind::kLong ? (long double)a.integer : a.real;
    long double y = b.kind == Scalar::Kind::kLong ? (long double)b.integer : b.real;
    if (std::isnan(x) || std::isnan(y)) {
        return std::nullopt;
    }
    return x < y ? -1 : (x > y ? 1 : 0);
}

bool Decide(std::optional<int> order, ast::CompareOp op) {
    if (!order) {
        return op == ast::CompareOp::kNe;
    }
    switch (op) {
        case ast::CompareOp::kEq: return *order == 0;
        case ast::CompareOp::kNe: return *order != 0;
        case ast::CompareOp::kLt: return *order < 0;
        case ast::CompareOp::kLe: return *order <= 0;
        case ast::CompareOp::kGt: return *order > 0;
        case ast::CompareOp::kGe: return *order >= 0;
    }
    return false;
}

std::optional<Scalar> AsNumber(const Scalar& value) {
    if (value.IsNumber()) {
        return value;
    }
    if (value.kind == Scalar::Kind::kString) {
        return ParseJavaNumber(value.text);
    }
    return std::nullopt;
}

std::optional<bool> AsBoolean(const Scalar& value) {
    if (value.kind == Scalar::Kind::kBool) {
        return value.boolean;
    }
    if (value.kind == Scalar::Kind::kString && (value.text == "true" || value.text == "false")) {
        return value.text == "true";
    }
    return std::nullopt;
}

// A date field's value: epoch milliseconds as a number, or ISO / epoch-millisecond text.
// Known gap: custom mapping formats such as dd-MM-yyyy are not known, so such values compare as
// unparsable (false).
std::optional<int64_t> AsDateNanos(const Scalar& value) {
    // Milliseconds past the int64 nanosecond range (years 1677 to 2262) are unparsable.
    if (value.kind == Scalar::Kind::kLong) {
        int64_t nanos = 0;
        if (__builtin_mul_overflow(value.integer, int64_t{1000000}, &nanos)) {
            return std::nullopt;
        }
        return nanos;
    }
    if (value.kind == Scalar::Kind::kDouble && std::fabs(value.real) < 9.2e12) {
        return int64_t(std::llround(value.real * 1e6));
    }
    if (value.kind == Scalar::Kind::kString) {
        return ParseDateNanos(value.text);
    }
    return std::nullopt;
}

std::optional<int> CompareInts(std::optional<int64_t> a, std::optional<int64_t> b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return *a < *b ? -1 : (*a > *b ? 1 : 0);
}

}  // namespace

ast::CompareOp MirrorCompare(ast::CompareOp op) {
    switch (op) {
        case ast::CompareOp::kLt: return ast::CompareOp::kGt;
        case ast::CompareOp::kLe: return ast::CompareOp::kGe;
        case ast::CompareOp::kGt: return ast::CompareOp::kLt;
        case ast::CompareOp::kGe: return ast::CompareOp::kLe;
        default: return op;
    }
}

ast::CompareOp NegateCompare(ast::CompareOp op) {
    switch (op) {
        case ast::CompareOp::kEq: return ast::CompareOp::kNe;
        case ast::CompareOp::kNe: return ast::CompareOp::kEq;
        case ast::CompareOp::kLt: return ast::CompareOp::kGe;
        case ast::CompareOp::kLe: return ast::CompareOp::kGt;
        case ast::CompareOp::kGt: return ast::CompareOp::kLe;
        case ast::CompareOp::kGe: return ast::CompareOp::kLt;
    }
    return op;
}

Comparand::Comparand(const Scalar& literal, std::optional<FieldType> field_type)
    : field_type_(field_type) {
    literal_ = literal;
    if (literal.kind == Scalar::Kind::kString) {
        text_.assign(literal.text);
        literal_.text = text_;
    }
    ScalarText text;
    canonical_text_ = std::string(text.Of(literal_));
    number_ = AsNumber(literal_);
    boolean_ = AsBoolean(literal_);
    if (literal_.kind == Scalar::Kind::kString) {
        date_ns_ = ParseIsoDateNanos(literal_.text);
        ip_ = ParseIpAddress(literal_.text);
        if (!ip_) {
            cidr_ = ParseCidrBlock(literal_.text);
        }
    }
    typed_date_ns_ = AsDateNanos(literal_);
}

std::optional<int> Comparand::OrderValueDirected(const Scalar& value) const {
    switch (value.kind) {
        case Scalar::Kind::kString:
            if (literal_.kind == Scalar::Kind::kString) {
                if (date_ns_) {
                    if (auto value_ns = ParseIsoDateNanos(value.text)) {
                        return CompareInts(value_ns, date_ns_);
                    }
                }
                return Sign(value.text.compare(literal_.text));
            }
            return Sign(value.text.compare(canonical_text_));
        case Scalar::Kind::kLong:
        case Scalar::Kind::kDouble:
            if (number_) {
                return CompareNumbers(value, *number_);
            }
            if (date_ns_) {
                return CompareInts(AsDateNanos(value), date_ns_);
            }
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

std::optional<int> Comparand::OrderTyped(const Scalar& value, FieldType type) const {
    switch (type) {
        case FieldType::kKeyword:
        case FieldType::kText: {
            ScalarText text;
            return Sign(text.Of(value).compare(canonical_text_));
        }
        case FieldType::kLong:
        case FieldType::kDouble: {
            auto number = AsNumber(value);
            if (!number || !number_) {
                return std::nullopt;
            }
            return CompareNumbers(*number, *number_);
        }
        case FieldType::kBoolean: {
            auto flag = AsBoolean(value);
            if (!flag || !boolean_) {
                return std::nullopt;
            }
            return int(*flag) - int(*boolean_);
        }
        case FieldType::kDate: return CompareInts(AsDateNanos(value), typed_date_ns_);
        case FieldType::kIp: {
            ScalarText text;
            auto address = ParseIpAddress(text.Of(value));
            if (!address || !ip_) {
                return std::nullopt;
            }
            return *address < *ip_ ? -1 : (*address == *ip_ ? 0 : 1);
        }
        case FieldType::kVersion: {
            ScalarText text;
            return Sign(CompareVersions(text.Of(value), canonical_text_));
        }
        default: return OrderValueDirected(value);
    }
}

std::optional<int> Comparand::Order(const Scalar& value) const {
    if (field_type_) {
        return OrderTyped(value, *field_type_);
    }
    return OrderValueDirected(value);
}

bool Comparand::EqualsTyped(const Scalar& value, FieldType type, bool& decided) const {
    // An ip field compared with a CIDR block tests membership, as Elasticsearch's term query
    // on an ip field does.
    decided = type == FieldType::kIp && cidr_.has_value();
    if (!decided) {
        return false;
    }
    ScalarText text;
    auto address = ParseIpAddress(text.Of(value));
    return address && cidr_->Contains(*address);
}

bool Comparand::Test(const Scalar& value, ast::CompareOp op) const {
    if (value.IsNull() || literal_.IsNull()) {
        return false;
    }
    bool equality = op == ast::CompareOp::kEq || op == ast::CompareOp::kNe;
    if (equality && field_type_) {
        bool decided = false;
        bool equal = EqualsTyped(value, *field_type_, decided);
        if (decided) {
            return equal == (op == ast::CompareOp::kEq);
        }
    }

    // Booleans are equal or not, but unordered without a schema.
    if (!field_type_ && value.kind == Scalar::Kind::kBool) {
        if (!equality || !boolean_) {
            return op == ast::CompareOp::kNe;
        }
        return (value.boolean == *boolean_) == (op == ast::CompareOp::kEq);
    }
    return Decide(Order(value), op);
}

Scalar CompareDynamic(const Scalar& left, ast::CompareOp op, const Scalar& right) {
    if (left.IsNull() || right.IsNull()) {
        return Scalar::Null();
    }
    Comparand comparand(right, std::nullopt);
    return Scalar::Bool(comparand.Test(left, op));
}

}  // namespace eql::expr
