// The verifier's checks on one condition, in Elasticsearch's order. Function building
// (binding) comes first, then type resolution bottom-up. A node is checked only when everything
// below it resolved, so one mistake is reported once. Then comes the condition's own type and,
// after folding, comparisons whose right side is not a constant. Entry point: VerifyCondition.
#include <fmt/format.h>

#include "engine/check/verify_internal.hpp"

namespace eql::detail {

using expr::BoundExpr;
using expr::BoundKind;
using expr::BoundPtr;
using expr::ExprType;

std::string ExprQuoter::Source(const BoundExpr& node) const {
    if (!text_.empty() && node.span.end <= text_.size() && node.span.begin < node.span.end) {
        return std::string(text_.substr(node.span.begin, node.span.end - node.span.begin));
    }
    return node.source != nullptr ? ast::Print(*node.source) : std::string();
}

std::string ExprQuoter::Range(const BoundExpr& first, const BoundExpr& last) const {
    if (!text_.empty() && last.span.end <= text_.size() && first.span.begin < last.span.end) {
        return std::string(text_.substr(first.span.begin, last.span.end - first.span.begin));
    }
    return Source(first) + " ... " + Source(last);
}

std::string ExprQuoter::Name(const BoundExpr& node) const {
    if (node.source != nullptr && node.source->kind == ast::ExprKind::kField) {
        return node.source->field.path;
    }
    return Source(node);
}

namespace {

// Elasticsearch's ParamOrdinal: first to fifth, then no ordinal at all.
std::string ParamOrdinal(size_t index) {
    static const char* const kNames[] = {"first ", "second ", "third ", "fourth ", "fifth "};
    return index < 5 ? kNames[index] : "";
}

// StringUtils.ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st...
std::string NumericOrdinal(size_t n) {
    const char* suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        switch (n % 10) {
            case 1: suffix = "st"; break;
            case 2: suffix = "nd"; break;
            case 3: suffix = "rd"; break;
            default: break;
        }
    }
    return std::to_string(n) + suffix;
}

bool Foldable(const BoundExpr& node) {
    if (node.kind == BoundKind::kConstant) {
        return true;
    }
    if (node.kind == BoundKind::kField || (node.kind == BoundKind::kCall && !node.function)) {
        return false;
    }
    for (const BoundPtr& child : node.children) {
        if (!Foldable(*child)) {
            return false;
        }
    }
    return true;
}

bool Accepts(expr::ArgKind kind, ExprType type) {
    if (!expr::IsKnownType(type)) {
        return true;
    }
    switch (kind) {
        case expr::ArgKind::kString: return expr::IsStringType(type);
        case expr::ArgKind::kNumeric: return expr::IsNumericType(type);
        case expr::ArgKind::kInteger: return expr::IsIntegerType(type);
        case expr::ArgKind::kBoolean: return type == ExprType::kBoolean;
        case expr::ArgKind::kIp: return type == ExprType::kIp;
        default: return true;
    }
}

std::string_view KindName(expr::ArgKind kind) {
    switch (kind) {
        case expr::ArgKind::kString: return "string";
        case expr::ArgKind::kNumeric: return "numeric";
        case expr::ArgKind::kInteger: return "integer";
        case expr::ArgKind::kBoolean: return "boolean";
        case expr::ArgKind::kIp: return "ip";
        default: return "any";
    }
}

class TypeChecker {
public:
    TypeChecker(const ExprQuoter& quoter, std::vector<Diagnostic>& diagnostics)
        : quoter_(quoter), diagnostics_(diagnostics) {}

    // Returns true when `node` and everything below it resolved.
    bool Check(const BoundExpr& node) {
        bool children_ok = true;
        for (const BoundPtr& child : node.children) {
            children_ok = Check(*child) && children_ok;
        }
        if (!children_ok || node.has_error) {
            return false;
        }
        switch (node.kind) {
            case BoundKind::kCall: return CheckCall(node);
            case BoundKind::kNegate: return Expect(node, 0, "", expr::ArgKind::kNumeric);
            case BoundKind::kArithmetic:
                return Expect(node, 0, "first ", expr::ArgKind::kNumeric) &&
                       Expect(node, 1, "second ", expr::ArgKind::kNumeric);
            case BoundKind::kMatch: return CheckMatch(node);
            case BoundKind::kIn: return CheckIn(node);
            case BoundKind::kNot: return Expect(node, 0, "", expr::ArgKind::kBoolean);
            case BoundKind::kAnd:
            case BoundKind::kOr: return CheckLogic(node);
            default: return true;
        }
    }

private:
    void TypeError(const BoundExpr& at, const std::string& ordinal, const std::string& operation,
                   std::string_view expected, const BoundExpr& operand, std::string suffix = "") {
        diagnostics_.push_back(MakeFinding(
            "argument-type", at.span,
            fmt::format("{}argument of [{}] must be [{}], found value [{}] type [{}]{}", ordinal,
                        operation, expected, quoter_.Name(operand), expr::TypeName(operand.type),
                        suffix)));
    }

    bool Expect(const BoundExpr& node, size_t index, const std::string& ordinal,
                expr::ArgKind kind) {
        if (index >= node.children.size() || Accepts(kind, node.children[index]->type)) {
            return true;
        }
        TypeError(node, ordinal, quoter_.Source(node), KindName(kind), *node.children[index]);
        return false;
    }

    bool CheckCall(const BoundExpr& node) {
        const expr::FunctionSpec& spec = *node.function;
        for (size_t i = 0; i < node.children.size(); ++i) {
            const expr::ArgRule& rule = spec.Rule(i);
            const BoundExpr& arg = *node.children[i];
            std::string ordinal = spec.max_args == 1 ? "" : ParamOrdinal(i);
            if (rule.constant && !Foldable(arg)) {
                diagnostics_.push_back(MakeFinding(
                    "argument-constant", node.span,
                    fmt::format("{}argument of [{}] must be a constant, received [{}]", ordinal,
                                quoter_.Source(node), quoter_.Name(arg))));
                return false;
            }
            if (!Accepts(rule.kind, arg.type)) {
                TypeError(node, ordinal, quoter_.Source(node), KindName(rule.kind), arg);
                return false;
            }
        }
        return true;
    }

    bool CheckMatch(const BoundExpr& node) {
        bool colon = node.predicate_op == ast::PredicateOp::kColon;
        const BoundExpr& subject = *node.children[0];
        if (!Accepts(expr::ArgKind::kString, subject.type)) {
            if (colon) {
                TypeError(node, "first ", ":", "string", subject,
                          "; consider using [==] instead");
            } else {
                TypeError(node, "", quoter_.Source(node), "string", subject);
            }
            return false;
        }
        for (size_t i = 1; i < node.children.size(); ++i) {
            const BoundExpr& pattern = *node.children[i];
            if (!Accepts(expr::ArgKind::kString, pattern.type)) {
                TypeError(node, "second ", colon ? ":" : quoter_.Source(node), "string", pattern);
                return false;
            }
        }
        return true;
    }

    // Elasticsearch's In: constants only, each compatible with the subject's type.
    bool CheckIn(const BoundExpr& node) {
        for (size_t i = 1; i < node.children.size(); ++i) {
            if (!Foldable(*node.children[i])) {
                diagnostics_.push_back(MakeFinding(
                    "field-comparison", node.span,
                    fmt::format("Comparisons against fields are not (currently) supported; "
                                "offender [{}] in [{}]",
                                quoter_.Name(*node.children[i]), quoter_.Source(node))));
                return false;
            }
        }
        std::vector<const BoundExpr*> list;
        for (size_t i = 1; i < node.children.size(); ++i) {
            const BoundExpr* element = node.children[i].get();
            bool duplicate = false;
            for (const BoundExpr* seen : list) {
                duplicate = duplicate || (seen->IsConstant() && element->IsConstant() &&
                                          seen->constant == element->constant);
            }
            if (!duplicate) {
                list.push_back(element);
            }
        }
        ExprType subject = node.children[0]->type;
        if (expr::IsKnownType(subject)) {
            for (size_t i = 0; i < list.size(); ++i) {
                if (!expr::AreCompatible(subject, list[i]->type)) {
                    diagnostics_.push_back(MakeFinding(
                        "in-list-type", node.span,
                        fmt::format("{} argument of [{}] must be [{}], found value [{}] type [{}]",
                                    NumericOrdinal(i + 1), quoter_.Source(node),
                                    expr::TypeName(subject), quoter_.Name(*list[i]),
                                    expr::TypeName(list[i]->type))));
                    return false;
                }
            }
            return true;
        }

        // Without the subject's type, two incompatible elements still cannot both fit it.
        const BoundExpr* first_known = nullptr;
        for (const BoundExpr* element : list) {
            if (!expr::IsKnownType(element->type)) {
                continue;
            }
            if (first_known == nullptr) {
                first_known = element;
            } else if (!expr::AreCompatible(first_known->type, element->type)) {
                diagnostics_.push_back(MakeFinding(
                    "in-list-type", node.span,
                    fmt::format("values of [{}] mix incompatible types: [{}] type [{}] and [{}] "
                                "type [{}]",
                                quoter_.Source(node), quoter_.Name(*first_known),
                                expr::TypeName(first_known->type), quoter_.Name(*element),
                                expr::TypeName(element->type))));
                return false;
            }
        }
        return true;
    }

    // `a and b and c` is ((a and b) and c) in Elasticsearch: the first operand is the first
    // argument of the innermost operator, every later one the second argument of its own.
    bool CheckLogic(const BoundExpr& node) {
        const auto& children = node.children;
        for (size_t i = 0; i < children.size(); ++i) {
            if (Accepts(expr::ArgKind::kBoolean, children[i]->type)) {
                continue;
            }
            size_t last_index = i == 0 ? std::min<size_t>(1, children.size() - 1) : i;
            const BoundExpr& last = *children[last_index];
            std::string operation = quoter_.Range(*children[0], last);
            diagnostics_.push_back(MakeFinding(
                "argument-type", node.span,
                fmt::format("{}argument of [{}] must be [boolean], found value [{}] type [{}]",
                            i == 0 ? "first " : "second ", operation, quoter_.Name(*children[i]),
                            expr::TypeName(children[i]->type))));
            return false;
        }
        return true;
    }

    const ExprQuoter& quoter_;
    std::vector<Diagnostic>& diagnostics_;
};

const char* OperatorText(ast::CompareOp op) {
    switch (op) {
        case ast::CompareOp::kEq: return "==";
        case ast::CompareOp::kNe: return "!=";
        case ast::CompareOp::kLt: return "<";
        case ast::CompareOp::kLe: return "<=";
        case ast::CompareOp::kGt: return ">";
        default: return ">=";
    }
}

// After folding, a comparison's right side must be a constant. Without a schema an optional
// field may be unmapped, hence null, so it is let through.
void CheckFieldComparisons(const BoundExpr& node, bool have_schema, const ExprQuoter& quoter,
                           std::vector<Diagnostic>& diagnostics) {
    for (const BoundPtr& child : node.children) {
        CheckFieldComparisons(*child, have_schema, quoter, diagnostics);
    }
    if (node.kind != BoundKind::kCompare || node.children.size() != 2) {
        return;
    }
    const BoundExpr& right = *node.children[1];
    if (right.IsConstant() || (!have_schema && right.kind == BoundKind::kField && right.optional)) {
        return;
    }
    diagnostics.push_back(MakeFinding(
        "field-comparison", right.span,
        fmt::format("Comparisons against fields are not (currently) supported; offender [{}] in "
                    "[{}]",
                    quoter.Name(right), OperatorText(node.compare_op))));
}

}  // namespace

void VerifyCondition(const ast::Expr& condition, const VerifyOptions& options,
                     std::vector<Diagnostic>& diagnostics) {
    ExprQuoter quoter(options.text);
    expr::BindOptions bind_options;
    bind_options.schema = options.schema;
    std::vector<Diagnostic> bind_findings;
    BoundPtr tree = expr::BindExpr(condition, bind_options, bind_findings);
    bool bind_failed = !bind_findings.empty();
    for (Diagnostic& finding : bind_findings) {
        diagnostics.push_back(std::move(finding));
    }

    TypeChecker checker(quoter, diagnostics);
    bool resolved = checker.Check(*tree);
    if (resolved && expr::IsKnownType(tree->type) && tree->type != ExprType::kBoolean) {
        diagnostics.push_back(MakeFinding(
            "condition-not-boolean", tree->span,
            fmt::format("Condition expression needs to be boolean, found [{}]",
                        expr::UpperTypeName(tree->type))));
    }

    std::vector<Diagnostic> compile_findings;
    expr::FoldExpr(tree, compile_findings);
    bool fold_failed = !compile_findings.empty();
    for (Diagnostic& finding : compile_findings) {
        diagnostics.push_back(std::move(finding));
    }
    CheckFieldComparisons(*tree, options.schema != nullptr, quoter, diagnostics);
    if (options.bound != nullptr && !bind_failed && !fold_failed) {
        (*options.bound)[&condition] = std::move(tree);
    }
}

}  // namespace eql::detail
