// ast::Print, which writes canonical EQL that parses back to an equal tree, and ast::Dump, a
// compact one-line notation for tests. Print adds parentheses exactly where the precedence of
// EQL needs them, plus around a nested `and`/`or` of the same kind, which would otherwise
// merge into one chain when parsed again. Recursion follows the tree, whose depth the parser
// bounds.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "grammar/ast.hpp"
#include "grammar/words.hpp"

namespace eql::ast {
namespace {

// Binding strength for Print, loosest first, following the precedence of EQL.
enum Level : int {
    kOrLevel = 1,
    kAndLevel,
    kNotLevel,
    kCompareLevel,
    kSumLevel,
    kProductLevel,
    kUnaryLevel,
    kPredicateLevel,
    kPrimaryLevel,
};

// ---------------------------------------------------------------------------------------------
// Tokens

void AppendEscaped(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    out += fmt::format("\\u{{{:02X}}}", static_cast<unsigned char>(c));
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

// A raw string reads better for backslash-heavy text such as regular expressions; it cannot
// hold `"""`, a line break or other control characters.
bool FitsRawString(std::string_view text) {
    const bool has_backslash = text.find('\\') != std::string_view::npos;
    if (!has_backslash || text.find("\"\"\"") != std::string_view::npos) {
        return false;
    }
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            return false;
        }
    }
    return true;
}

void AppendString(std::string& out, std::string_view text) {
    if (FitsRawString(text)) {
        out += "\"\"\"";
        out += text;
        out += "\"\"\"";
        return;
    }
    AppendEscaped(out, text);
}

// The shortest text that reads back as the same double, and as a decimal rather than an
// integer. Infinity prints as an overflowing literal, which reads back as infinity.
std::string FormatDouble(double value) {
    if (std::isinf(value)) {
        return value > 0 ? "1e999" : "-1e999";
    }
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".en") == std::string::npos) {
        text += ".0";
    }
    return text;
}

void AppendLiteral(std::string& out, const Literal& literal, bool for_print) {
    if (std::holds_alternative<std::monostate>(literal)) {
        out += "null";
    } else if (const auto* boolean = std::get_if<bool>(&literal)) {
        out += *boolean ? "true" : "false";
    } else if (const auto* integer = std::get_if<int64_t>(&literal)) {
        out += std::to_string(*integer);
    } else if (const auto* decimal = std::get_if<double>(&literal)) {
        out += FormatDouble(*decimal);
    } else if (for_print) {
        AppendString(out, std::get<std::string>(literal));
    } else {
        AppendEscaped(out, std::get<std::string>(literal));
    }
}

void AppendSegment(std::string& out, std::string_view segment) {
    if (grammar::detail::IsPlainIdentifier(segment)) {
        out += segment;
        return;
    }
    out += '`';
    for (const char c : segment) {
        out += c;
        if (c == '`') {
            out += '`';
        }
    }
    out += '`';
}

void AppendField(std::string& out, const FieldRef& field) {
    if (field.optional) {
        out += '?';
    }
    for (size_t i = 0; i < field.segments.size(); ++i) {
        if (i > 0) {
            out += '.';
        }
        AppendSegment(out, field.segments[i]);
    }
}

void AppendKeys(std::string& out, const std::vector<FieldRef>& keys, std::string_view separator) {
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        AppendField(out, keys[i]);
    }
}

void AppendCategory(std::string& out, const EventFilter& filter) {
    if (filter.any) {
        out += "any";
    } else if (grammar::detail::IsPlainIdentifier(filter.category)) {
        out += filter.category;
    } else {
        AppendEscaped(out, filter.category);
    }
}

std::string_view ArithmeticText(ArithmeticOp op) {
    switch (op) {
        case ArithmeticOp::kAdd: return "+";
        case ArithmeticOp::kSubtract: return "-";
        case ArithmeticOp::kMultiply: return "*";
        case ArithmeticOp::kDivide: return "/";
        case ArithmeticOp::kModulo: return "%";
    }
    return "?";
}

std::string_view CompareText(CompareOp op) {
    switch (op) {
        case CompareOp::kEq: return "==";
        case CompareOp::kNe: return "!=";
        case CompareOp::kLt: return "<";
        case CompareOp::kLe: return "<=";
        case CompareOp::kGt: return ">";
        case CompareOp::kGe: return ">=";
    }
    return "?";
}

std::string PredicateText(const Expr& expr) {
    std::string text;
    switch (expr.predicate_op) {
        case PredicateOp::kColon: return ":";
        case PredicateOp::kLike: text = "like"; break;
        case PredicateOp::kRegex: text = "regex"; break;
        case PredicateOp::kIn: text = "in"; break;
    }
    if (expr.case_insensitive) {
        text += '~';
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// Print

bool IsNegativeNumber(const Expr& expr) {
    if (expr.kind != ExprKind::kLiteral) {
        return false;
    }
    if (const auto* integer = std::get_if<int64_t>(&expr.literal)) {
        return *integer < 0;
    }
    if (const auto* decimal = std::get_if<double>(&expr.literal)) {
        return std::signbit(*decimal);
    }
    return false;
}

int LevelOf(const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::kOr: return kOrLevel;
        case ExprKind::kAnd: return kAndLevel;
        case ExprKind::kNot: return kNotLevel;
        case ExprKind::kCompare: return kCompareLevel;
        case ExprKind::kArithmetic:
            return expr.arithmetic_op == ArithmeticOp::kAdd ||
                           expr.arithmetic_op == ArithmeticOp::kSubtract
                       ? kSumLevel
                       : kProductLevel;
        case ExprKind::kNegate: return kUnaryLevel;
        case ExprKind::kPredicate: return kPredicateLevel;
        case ExprKind::kLiteral: return IsNegativeNumber(expr) ? kUnaryLevel : kPrimaryLevel;
        case ExprKind::kField:
        case ExprKind::kCall: return kPrimaryLevel;
    }
    return kPrimaryLevel;
}

void PrintExpr(std::string& out, const Expr& expr);

// Prints `expr` where the grammar expects at least `level`, in parentheses when it binds looser.
void PrintOperand(std::string& out, const Expr& expr, int level) {
    if (LevelOf(expr) >= level) {
        PrintExpr(out, expr);
        return;
    }
    out += '(';
    PrintExpr(out, expr);
    out += ')';
}

void PrintList(std::string& out, const std::vector<ExprPtr>& items, size_t first) {
    for (size_t i = first; i < items.size(); ++i) {
        if (i > first) {
            out += ", ";
        }
        PrintExpr(out, *items[i]);
    }
}

void PrintPredicate(std::string& out, const Expr& expr) {
    PrintOperand(out, *expr.children[0], kPrimaryLevel);
    out += expr.negated ? " not " : " ";
    out += PredicateText(expr);
    out += ' ';
    const bool parenthesize = expr.predicate_op == PredicateOp::kIn || expr.children.size() != 2;
    if (parenthesize) {
        out += '(';
    }
    PrintList(out, expr.children, 1);
    if (parenthesize) {
        out += ')';
    }
}

void PrintExpr(std::string& out, const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::kLiteral:
            AppendLiteral(out, expr.literal, true);
            return;
        case ExprKind::kField:
            AppendField(out, expr.field);
            return;
        case ExprKind::kCall:
            out += expr.name;
            out += expr.case_insensitive ? "~(" : "(";
            PrintList(out, expr.children, 0);
            out += ')';
            return;
        case ExprKind::kNegate: {
            const Expr& operand = *expr.children[0];
            const bool spaced = operand.kind == ExprKind::kNegate || IsNegativeNumber(operand);
            out += spaced ? "- " : "-";
            PrintOperand(out, operand, kUnaryLevel);
            return;
        }
        case ExprKind::kArithmetic: {
            const int level = LevelOf(expr);
            PrintOperand(out, *expr.children[0], level);
            out += fmt::format(" {} ", ArithmeticText(expr.arithmetic_op));
            PrintOperand(out, *expr.children[1], level + 1);
            return;
        }
        case ExprKind::kCompare:
            PrintOperand(out, *expr.children[0], kSumLevel);
            out += fmt::format(" {} ", CompareText(expr.compare_op));
            PrintOperand(out, *expr.children[1], kSumLevel);
            return;
        case ExprKind::kPredicate:
            PrintPredicate(out, expr);
            return;
        case ExprKind::kNot:
            out += "not ";
            PrintOperand(out, *expr.children[0], kNotLevel);
            return;
        case ExprKind::kAnd:
        case ExprKind::kOr: {
            // A child binding no tighter than the chain itself, the same kind included, is
            // parenthesized; see the file comment.
            const bool is_and = expr.kind == ExprKind::kAnd;
            const int child_level = is_and ? kNotLevel : kAndLevel;
            for (size_t i = 0; i < expr.children.size(); ++i) {
                out += i == 0 ? "" : (is_and ? " and " : " or ");
                PrintOperand(out, *expr.children[i], child_level);
            }
            return;
        }
    }
}

// The largest unit that divides the span exactly, as Elasticsearch's units go.
std::string FormatDuration(int64_t nanos) {
    constexpr int64_t kMilli = 1'000'000;
    struct Unit {
        int64_t nanos;
        const char* name;
    };
    constexpr Unit kUnits[] = {{86'400'000 * kMilli, "d"}, {3'600'000 * kMilli, "h"},
                               {60'000 * kMilli, "m"},     {1'000 * kMilli, "s"},
                               {kMilli, "ms"}};
    for (const Unit& unit : kUnits) {
        if (nanos % unit.nanos == 0) {
            return fmt::format("{}{}", nanos / unit.nanos, unit.name);
        }
    }
    // Known gap: EQL has no unit below milliseconds, so a span built in code with a fraction of
    // a millisecond prints truncated. Spans from the parser are always whole milliseconds.
    return fmt::format("{}ms", nanos / kMilli);
}

void PrintFilter(std::string& out, const EventFilter& filter) {
    AppendCategory(out, filter);
    out += " where ";
    if (filter.condition) {
        PrintExpr(out, *filter.condition);
    }
}

void PrintStage(std::string& out, const Stage& stage) {
    out += stage.missing ? "![" : "[";
    PrintFilter(out, stage.filter);
    out += ']';
    if (!stage.keys.empty()) {
        out += " by ";
        AppendKeys(out, stage.keys, ", ");
    }
    if (stage.runs) {
        out += fmt::format(" with runs={}", *stage.runs);
    }
}

void PrintStages(std::string& out, const std::vector<Stage>& stages,
                 const std::optional<Stage>& until) {
    for (const Stage& stage : stages) {
        out += "\n  ";
        PrintStage(out, stage);
    }
    if (until) {
        out += "\nuntil ";
        PrintStage(out, *until);
    }
}

void PrintHeaderKeys(std::string& out, const std::vector<FieldRef>& keys) {
    if (!keys.empty()) {
        out += " by ";
        AppendKeys(out, keys, ", ");
    }
}

// ---------------------------------------------------------------------------------------------
// Dump

void DumpExpr(std::string& out, const Expr& expr);

void DumpChildren(std::string& out, const Expr& expr) {
    for (const ExprPtr& child : expr.children) {
        out += ' ';
        DumpExpr(out, *child);
    }
    out += ')';
}

void DumpExpr(std::string& out, const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::kLiteral:
            AppendLiteral(out, expr.literal, false);
            return;
        case ExprKind::kField:
            AppendField(out, expr.field);
            return;
        case ExprKind::kCall:
            out += fmt::format("(call {}{}", expr.name, expr.case_insensitive ? "~" : "");
            break;
        case ExprKind::kNegate:
            out += "(neg";
            break;
        case ExprKind::kArithmetic:
            out += fmt::format("({}", ArithmeticText(expr.arithmetic_op));
            break;
        case ExprKind::kCompare:
            out += fmt::format("({}", CompareText(expr.compare_op));
            break;
        case ExprKind::kPredicate:
            out += fmt::format("({}{}", expr.negated ? "not-" : "", PredicateText(expr));
            break;
        case ExprKind::kNot:
            out += "(not";
            break;
        case ExprKind::kAnd:
            out += "(and";
            break;
        case ExprKind::kOr:
            out += "(or";
            break;
    }
    DumpChildren(out, expr);
}

void DumpFilter(std::string& out, const EventFilter& filter) {
    out += "(event ";
    AppendCategory(out, filter);
    out += ' ';
    if (filter.condition) {
        DumpExpr(out, *filter.condition);
    }
    out += ')';
}

void DumpKeys(std::string& out, const std::vector<FieldRef>& keys) {
    if (!keys.empty()) {
        out += " (by ";
        AppendKeys(out, keys, " ");
        out += ')';
    }
}

void DumpStage(std::string& out, const Stage& stage) {
    out += stage.missing ? "(missing " : "(stage ";
    DumpFilter(out, stage.filter);
    DumpKeys(out, stage.keys);
    if (stage.runs) {
        out += fmt::format(" (runs {})", *stage.runs);
    }
    out += ')';
}

void DumpStages(std::string& out, const std::vector<Stage>& stages,
                const std::optional<Stage>& until) {
    for (const Stage& stage : stages) {
        out += ' ';
        DumpStage(out, stage);
    }
    if (until) {
        out += " (until ";
        DumpStage(out, *until);
        out += ')';
    }
}

}  // namespace

std::string Print(const Expr& expr) {
    std::string out;
    PrintExpr(out, expr);
    return out;
}

std::string Print(const Query& query) {
    std::string out;
    switch (query.kind) {
        case QueryKind::kEvent:
            PrintFilter(out, query.event);
            break;
        case QueryKind::kSequence:
            out += "sequence";
            PrintHeaderKeys(out, query.sequence.keys);
            if (query.sequence.maxspan_ns) {
                out += " with maxspan=" + FormatDuration(*query.sequence.maxspan_ns);
            }
            PrintStages(out, query.sequence.stages, query.sequence.until);
            break;
        case QueryKind::kSample:
        case QueryKind::kJoin:
            out += query.kind == QueryKind::kSample ? "sample" : "join";
            PrintHeaderKeys(out, query.sample.keys);
            PrintStages(out, query.sample.stages, query.sample.until);
            break;
    }

    // Pipes follow an event query on its line, and a multi-line query on a line of their own.
    for (const Pipe& pipe : query.pipes) {
        out += query.kind == QueryKind::kEvent ? " | " : "\n| ";
        out += pipe.name;
        if (!pipe.arguments.empty()) {
            out += ' ';
            PrintList(out, pipe.arguments, 0);
        }
    }
    return out;
}

std::string Dump(const Expr& expr) {
    std::string out;
    DumpExpr(out, expr);
    return out;
}

std::string Dump(const Query& query) {
    std::string out;
    switch (query.kind) {
        case QueryKind::kEvent:
            DumpFilter(out, query.event);
            break;
        case QueryKind::kSequence:
            out += "(sequence";
            DumpKeys(out, query.sequence.keys);
            if (query.sequence.maxspan_ns) {
                out += fmt::format(" (maxspan {})", *query.sequence.maxspan_ns);
            }
            DumpStages(out, query.sequence.stages, query.sequence.until);
            out += ')';
            break;
        case QueryKind::kSample:
        case QueryKind::kJoin:
            out += query.kind == QueryKind::kSample ? "(sample" : "(join";
            DumpKeys(out, query.sample.keys);
            DumpStages(out, query.sample.stages, query.sample.until);
            out += ')';
            break;
    }
    for (const Pipe& pipe : query.pipes) {
        out += " (pipe " + pipe.name;
        for (const ExprPtr& argument : pipe.arguments) {
            out += ' ';
            DumpExpr(out, *argument);
        }
        out += ')';
    }
    return out;
}

}  // namespace eql::ast
