// The type rules of the field checker: what ':', like, regex, `in`, comparisons and cidrMatch
// accept from a field of a known type. They follow Elasticsearch's verification errors (a
// non-string left side of ':', an ip field for cidrMatch, `in` values of the field's type), plus
// the string-to-number comparison that detection-rules' Python validator rejects.
// Entry point: CheckOperandTypes.
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>

#include "engine/check/field_check_internal.hpp"

namespace eql::detail {
namespace {

constexpr std::size_t kMaxLiteralText = 40;

bool EqualsIgnoringAsciiCase(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) {
            return false;
        }
    }
    return true;
}

std::string TypeName(FieldType type) { return std::string(FieldTypeName(type)); }

std::string Quoted(const ast::FieldRef& field) { return "'" + field.path + "'"; }

std::string OperatorName(const ast::Expr& node) {
    const char* tilde = node.case_insensitive ? "~" : "";
    switch (node.predicate_op) {
        case ast::PredicateOp::kColon: return "':'";
        case ast::PredicateOp::kLike: return std::string("'like") + tilde + "'";
        case ast::PredicateOp::kRegex: return std::string("'regex") + tilde + "'";
        case ast::PredicateOp::kIn:
            return std::string(node.negated ? "'not in" : "'in") + tilde + "'";
    }
    return "':'";
}

// Returns how a comparison message names the kind of a field type.
std::string_view ComparisonKindName(FieldType type) {
    if (IsNumericType(type)) {
        return "number";
    }
    if (IsStringType(type)) {
        return "string";
    }
    return FieldTypeName(type);
}

std::string_view LiteralKindName(LiteralKind kind) {
    switch (kind) {
        case LiteralKind::kNull: return "null";
        case LiteralKind::kBoolean: return "boolean";
        case LiteralKind::kNumber: return "number";
        case LiteralKind::kString: return "string";
    }
    return "null";
}

// Returns the number that `text` spells in full, as EQL would write it, or nothing.
std::optional<std::string> NumberText(std::string_view text) {
    const char* end = text.data() + text.size();
    int64_t integer = 0;
    auto [integer_end, integer_error] = std::from_chars(text.data(), end, integer);
    if (integer_error == std::errc() && integer_end == end) {
        return std::to_string(integer);
    }
    double real = 0;
    auto [real_end, real_error] = std::from_chars(text.data(), end, real);
    if (!text.empty() && real_error == std::errc() && real_end == end) {
        return std::string(text);
    }
    return std::nullopt;
}

bool LiteralFits(LiteralKind kind, FieldType type) {
    switch (kind) {
        case LiteralKind::kNull: return true;
        case LiteralKind::kString: return IsStringType(type);
        case LiteralKind::kNumber: return IsNumericType(type);
        case LiteralKind::kBoolean: return type == FieldType::kBoolean;
    }
    return true;
}

// ':', like and regex need a string on the left; Elasticsearch counts ip, version, date and
// numbers as non-strings there.
void CheckPatternOperand(const ast::Expr& node, const ast::FieldRef& field, FieldType type,
                         FieldCheckContext& context) {
    if (IsStringType(type)) {
        return;
    }
    std::string note;
    if (node.predicate_op == ast::PredicateOp::kColon) {
        note = type == FieldType::kIp ? "use '==' or cidrMatch() on ip fields"
                                      : "use '==' instead";
    }
    context.Report(Severity::kError, "non-string-field", field.span,
                   OperatorName(node) + " needs a string field, but " + Quoted(field) +
                       " has type " + TypeName(type),
                   std::move(note));
}

// Every `in` value must have the field's type. Like Elasticsearch, reports the first that
// does not.
void CheckInValues(const ast::Expr& node, FieldType type, FieldCheckContext& context) {
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        const ast::Expr* value = node.children[i].get();
        std::optional<LiteralKind> kind = value ? LiteralKindOf(*value) : std::nullopt;
        if (!kind || LiteralFits(*kind, type)) {
            continue;
        }
        std::string note;
        if (type == FieldType::kIp) {
            note = "compare ip fields with '==' or cidrMatch()";
        }
        context.Report(Severity::kError, "in-type-mismatch", value->span,
                       OperatorName(node) + " list value " + DescribeLiteral(*value) + " is a " +
                           std::string(LiteralKindName(*kind)) + ", but field " +
                           Quoted(node.children[0]->field) + " has type " + TypeName(type),
                       std::move(note));
        return;
    }
}

void CheckPredicate(const ast::Expr& node, FieldCheckContext& context) {
    if (node.children.empty() || !node.children[0]) {
        return;
    }
    std::optional<FieldType> type = context.TypeOf(*node.children[0]);
    if (!type || !IsValueType(*type)) {
        return;
    }
    if (node.predicate_op == ast::PredicateOp::kIn) {
        CheckInValues(node, *type, context);
    } else {
        CheckPatternOperand(node, node.children[0]->field, *type, context);
    }
}

// Returns the note that shows the literal written with the field's kind.
std::string ComparisonNote(const ast::Expr& literal, LiteralKind kind) {
    if (kind == LiteralKind::kString) {
        std::optional<std::string> number =
            NumberText(std::get<std::string>(literal.literal));
        return number ? "write the number without quotes: " + *number : std::string();
    }
    return "quote the value: \"" + DescribeLiteral(literal) + "\"";
}

void CheckComparison(const ast::Expr& node, FieldCheckContext& context) {
    if (node.children.size() != 2 || !node.children[0] || !node.children[1]) {
        return;
    }
    // The field may stand on either side; the literal is the part that does not fit.
    const ast::Expr* field = node.children[0].get();
    const ast::Expr* literal = node.children[1].get();
    if (field->kind != ast::ExprKind::kField) {
        std::swap(field, literal);
    }
    std::optional<FieldType> type = context.TypeOf(*field);
    std::optional<LiteralKind> kind = LiteralKindOf(*literal);
    if (!type || !kind || !IsValueType(*type)) {
        return;
    }

    bool string_to_number = *kind == LiteralKind::kString && IsNumericType(*type);
    bool number_to_string =
        *kind == LiteralKind::kNumber &&
        (IsStringType(*type) || *type == FieldType::kIp || *type == FieldType::kVersion);
    if (!string_to_number && !number_to_string) {
        return;
    }
    Severity severity =
        context.options().strict_comparisons ? Severity::kError : Severity::kWarning;
    context.Report(severity, "comparison-type-mismatch", literal->span,
                   "invalid comparison of " + std::string(LiteralKindName(*kind)) + " to " +
                       std::string(ComparisonKindName(*type)) + ": field " +
                       Quoted(field->field) + " has type " + TypeName(*type),
                   ComparisonNote(*literal, *kind));
}

// Elasticsearch matches CIDR blocks only on fields mapped as ip. The other argument rules of
// the function catalogue belong to the verifier, which derives types without a schema too.
void CheckCidrMatch(const ast::Expr& node, FieldCheckContext& context) {
    if (!EqualsIgnoringAsciiCase(node.name, "cidrmatch") || node.children.empty() ||
        !node.children[0]) {
        return;
    }
    const ast::Expr& argument = *node.children[0];
    std::optional<FieldType> type = context.TypeOf(argument);
    if (!type || !IsValueType(*type) || *type == FieldType::kIp) {
        return;
    }
    context.Report(Severity::kError, "non-ip-field", argument.field.span,
                   node.name + "() needs an ip field, but " + Quoted(argument.field) +
                       " has type " + TypeName(*type),
                   "Elasticsearch matches CIDR blocks only on fields mapped as ip");
}

void AppendEscaped(std::string_view text, std::string& out) {
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: out += c; break;
        }
    }
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) {
        return text;
    }
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return text.substr(0, end);
}

// Returns the operand below any chain of unary minus signs (the node itself when there is
// none), or null when the chain is malformed. Iterates, since the chain length is user input.
const ast::Expr* UnwrapNegation(const ast::Expr& expr) {
    const ast::Expr* current = &expr;
    while (current->kind == ast::ExprKind::kNegate) {
        if (current->children.size() != 1 || !current->children[0]) {
            return nullptr;
        }
        current = current->children[0].get();
    }
    return current;
}

std::size_t NegationCount(const ast::Expr& expr) {
    std::size_t count = 0;
    for (const ast::Expr* current = &expr;
         current->kind == ast::ExprKind::kNegate && current->children.size() == 1 &&
         current->children[0];
         current = current->children[0].get()) {
        ++count;
    }
    return count;
}

}  // namespace

std::optional<LiteralKind> LiteralKindOf(const ast::Expr& expr) {
    const ast::Expr* negated = UnwrapNegation(expr);
    if (negated != &expr) {
        bool number = negated != nullptr && negated->kind == ast::ExprKind::kLiteral &&
                      (std::holds_alternative<int64_t>(negated->literal) ||
                       std::holds_alternative<double>(negated->literal));
        return number ? std::optional(LiteralKind::kNumber) : std::nullopt;
    }
    if (expr.kind != ast::ExprKind::kLiteral) {
        return std::nullopt;
    }
    if (std::holds_alternative<std::monostate>(expr.literal)) {
        return LiteralKind::kNull;
    }
    if (std::holds_alternative<bool>(expr.literal)) {
        return LiteralKind::kBoolean;
    }
    if (std::holds_alternative<std::string>(expr.literal)) {
        return LiteralKind::kString;
    }
    return LiteralKind::kNumber;
}

bool IsValueType(FieldType type) {
    return type != FieldType::kObject && type != FieldType::kText &&
           type != FieldType::kUnsupported;
}

std::string DescribeLiteral(const ast::Expr& outer) {
    const ast::Expr* inner = UnwrapNegation(outer);
    if (inner == nullptr) {
        return "null";
    }
    if (inner != &outer) {
        std::string text = DescribeLiteral(*inner);
        return NegationCount(outer) % 2 == 1 ? "-" + text : text;
    }
    const ast::Expr& expr = outer;
    if (const auto* text = std::get_if<std::string>(&expr.literal)) {
        std::string_view kept_text = CutUtf8(*text, kMaxLiteralText);
        std::string out = "\"";
        AppendEscaped(kept_text, out);
        out += kept_text.size() < text->size() ? "...\"" : "\"";
        return out;
    }
    if (const auto* integer = std::get_if<int64_t>(&expr.literal)) {
        return std::to_string(*integer);
    }
    if (const auto* real = std::get_if<double>(&expr.literal)) {
        std::array<char, 32> buffer{};
        auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *real);
        return error == std::errc() ? std::string(buffer.data(), end) : std::string("number");
    }
    if (const auto* boolean = std::get_if<bool>(&expr.literal)) {
        return *boolean ? "true" : "false";
    }
    return "null";
}

void CheckOperandTypes(const ast::Expr& node, FieldCheckContext& context) {
    switch (node.kind) {
        case ast::ExprKind::kPredicate: CheckPredicate(node, context); break;
        case ast::ExprKind::kCompare: CheckComparison(node, context); break;
        case ast::ExprKind::kCall: CheckCidrMatch(node, context); break;
        default: break;
    }
}

}  // namespace eql::detail
