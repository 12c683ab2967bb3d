// Constant folding and preparation of bound expressions, bottom-up. Constant subtrees become
// literals, and `x == null` becomes a null test, because Elasticsearch rewrites it to IS NULL
// whenever a side folds to null. Constants move to the right of comparisons and `p == true`
// becomes `p`. Patterns, value sets, CIDR blocks and comparands are compiled here, once.
// Entry point: FoldExpr.
#include <fmt/format.h>

#include "engine/expr/bound_expr.hpp"
#include "engine/expr/lucene_regex.hpp"
#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

Diagnostic LiteralDiagnostic(std::string code, const BoundExpr& literal, std::string message) {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.offset = literal.span.begin;
    diagnostic.length = std::max<uint32_t>(1, literal.span.end - literal.span.begin);
    diagnostic.message = std::move(message);
    return diagnostic;
}

bool AllConstant(const std::vector<BoundPtr>& nodes, size_t from) {
    for (size_t i = from; i < nodes.size(); ++i) {
        if (!nodes[i]->IsConstant()) {
            return false;
        }
    }
    return true;
}

// The subject's schema type, when the subject is a field the schema describes.
std::optional<FieldType> SubjectType(const BoundExpr& node) {
    const BoundExpr& subject = *node.children[0];
    return subject.kind == BoundKind::kField ? subject.field_type : std::nullopt;
}

class Folder {
public:
    explicit Folder(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {}

    void Fold(BoundPtr& node) {
        for (BoundPtr& child : node->children) {
            Fold(child);
        }
        if (node->has_error && node->kind == BoundKind::kCall && node->function == nullptr) {
            return;
        }
        Prepare(*node);
        switch (node->kind) {
            case BoundKind::kCompare: FoldCompare(node); break;
            case BoundKind::kNot: FoldNot(node); break;
            case BoundKind::kAnd:
            case BoundKind::kOr: FoldLogic(node); break;
            case BoundKind::kConstant:
            case BoundKind::kField: break;
            case BoundKind::kIn: FoldIn(node); break;
            default: FoldIfConstant(node, AllConstant(node->children, 0)); break;
        }
    }

private:
    void Evaluate(BoundPtr& node) {
        ScratchStrings scratch;
        EvalFrame frame{nullptr, &scratch};
        Scalar result = EvalScalar(*node, frame);
        node = MakeConstant(*node, ToValue(result));
    }

    void FoldIfConstant(BoundPtr& node, bool constant) {
        if (constant && !node->has_error) {
            Evaluate(node);
        }
    }

    void FoldCompare(BoundPtr& node) {
        if (node->children.size() != 2) {
            return;
        }
        BoundPtr& left = node->children[0];
        BoundPtr& right = node->children[1];
        bool equality = node->compare_op == ast::CompareOp::kEq ||
                        node->compare_op == ast::CompareOp::kNe;

        // Null tests first: they are true or false, never null.
        if (equality && (left->IsNullConstant() || right->IsNullConstant())) {
            bool is_null = node->compare_op == ast::CompareOp::kEq;
            BoundPtr subject = left->IsNullConstant() ? std::move(right) : std::move(left);
            auto test = std::make_unique<BoundExpr>();
            test->kind = is_null ? BoundKind::kIsNull : BoundKind::kIsNotNull;
            test->span = node->span;
            test->source = node->source;
            test->type = ExprType::kBoolean;
            test->children.push_back(std::move(subject));
            node = std::move(test);
            FoldIfConstant(node, node->children[0]->IsConstant());
            return;
        }
        if (left->IsConstant() && right->IsConstant()) {
            Evaluate(node);
            return;
        }
        if (left->IsConstant()) {
            std::swap(left, right);
            node->compare_op = MirrorCompare(node->compare_op);
        }
        if (equality && SimplifyBooleanEquals(node)) {
            return;
        }
        if (node->children[1]->IsConstant()) {
            node->comparand = std::make_shared<Comparand>(
                ToScalar(node->children[1]->constant), SubjectType(*node));
        }
    }

    // `p == true` is p and `p == false` is not p, for a predicate p (fields keep the compare).
    bool SimplifyBooleanEquals(BoundPtr& node) {
        const BoundExpr& right = *node->children[1];
        const BoundExpr& left = *node->children[0];
        if (!right.IsConstant() || right.constant.index() != 1 ||
            left.kind == BoundKind::kField || left.type != ExprType::kBoolean) {
            return false;
        }
        bool keep = std::get<bool>(right.constant) == (node->compare_op == ast::CompareOp::kEq);
        BoundPtr subject = std::move(node->children[0]);
        if (keep) {
            node = std::move(subject);
            return true;
        }
        auto negation = std::make_unique<BoundExpr>();
        negation->kind = BoundKind::kNot;
        negation->span = node->span;
        negation->source = node->source;
        negation->type = ExprType::kBoolean;
        negation->children.push_back(std::move(subject));
        node = std::move(negation);
        FoldNot(node);
        return true;
    }

    // A list of nulls only is null, whatever the subject, as Elasticsearch folds it.
    void FoldIn(BoundPtr& node) {
        bool only_nulls = node->children.size() > 1;
        for (size_t i = 1; i < node->children.size(); ++i) {
            only_nulls = only_nulls && node->children[i]->IsNullConstant();
        }
        if (only_nulls) {
            node = MakeConstant(*node, std::monostate{});
            return;
        }
        FoldIfConstant(node, AllConstant(node->children, 0));
    }

    void FoldNot(BoundPtr& node) {
        if (node->children.size() == 1 && node->children[0]->IsConstant()) {
            Evaluate(node);
        }
    }

    // Drops neutral constants and short-circuits absorbing ones; null stays, as in three-valued
    // logic.
    void FoldLogic(BoundPtr& node) {
        bool is_and = node->kind == BoundKind::kAnd;
        std::vector<BoundPtr> kept;
        for (BoundPtr& child : node->children) {
            if (child->IsConstant() && child->constant.index() == 1) {
                if (std::get<bool>(child->constant) != is_and) {
                    node = MakeConstant(*node, !is_and);
                    return;
                }
                continue;
            }
            kept.push_back(std::move(child));
        }
        if (kept.empty()) {
            node = MakeConstant(*node, is_and);
            return;
        }
        if (kept.size() == 1) {
            node = std::move(kept[0]);
            return;
        }
        node->children = std::move(kept);
    }

    void Prepare(BoundExpr& node) {
        switch (node.kind) {
            case BoundKind::kMatch: PrepareMatcher(node); break;
            case BoundKind::kIn:
                if (!node.children.empty() && AllConstant(node.children, 1)) {
                    std::vector<Scalar> literals;
                    for (size_t i = 1; i < node.children.size(); ++i) {
                        literals.push_back(ToScalar(node.children[i]->constant));
                    }
                    node.set = std::make_shared<ValueSet>(literals, node.case_insensitive,
                                                          SubjectType(node));
                }
                break;
            case BoundKind::kCall:
                if (node.function != nullptr && node.function->key == "cidrmatch") {
                    PrepareCidrs(node);
                }
                break;
            default: break;
        }
    }

    void PrepareMatcher(BoundExpr& node) {
        using Mode = StringMatcher::Mode;
        Mode mode = node.predicate_op == ast::PredicateOp::kColon  ? Mode::kColon
                    : node.predicate_op == ast::PredicateOp::kLike ? Mode::kLike
                                                                   : Mode::kRegex;
        auto matcher = std::make_shared<StringMatcher>(mode, node.case_insensitive);
        bool failed = false;
        for (size_t i = 1; i < node.children.size(); ++i) {
            const BoundExpr& pattern = *node.children[i];
            if (!pattern.IsConstant() || pattern.IsNullConstant()) {
                continue;
            }
            ScalarText text;
            std::string_view pattern_text = text.Of(ToScalar(pattern.constant));
            if (mode != Mode::kRegex) {
                matcher->AddPattern(pattern_text);
                continue;
            }
            RegexTranslation translation = TranslateLuceneRegex(pattern_text, node.case_insensitive);
            if (!translation.ok) {
                diagnostics_.push_back(LiteralDiagnostic(
                    "invalid-regex", pattern,
                    fmt::format("invalid regular expression [{}]: {} at position {}", pattern_text,
                                translation.error, translation.position)));
                failed = true;
                continue;
            }
            matcher->AddRegex(std::move(translation.re2));
        }
        std::string error = matcher->Finish();
        if (!error.empty() && node.children.size() > 1) {
            ScalarText text;
            diagnostics_.push_back(LiteralDiagnostic(
                "invalid-regex", *node.children[1],
                fmt::format("invalid regular expression [{}]: {}",
                            text.Of(ToScalar(node.children[1]->constant)), error)));
            failed = true;
        }
        node.has_error = node.has_error || failed;
        node.matcher = std::move(matcher);
    }

    void PrepareCidrs(BoundExpr& node) {
        if (!AllConstant(node.children, 1)) {
            return;
        }
        auto cidrs = std::make_shared<CidrSet>();
        for (size_t i = 1; i < node.children.size(); ++i) {
            // A block that is not a string is a type error the verifier reports.
            const BoundExpr& block = *node.children[i];
            if (block.constant.index() != 4) {
                continue;
            }
            ScalarText text;
            std::string_view block_text = text.Of(ToScalar(block.constant));
            auto parsed = ParseCidrBlock(block_text);
            if (!parsed) {
                diagnostics_.push_back(LiteralDiagnostic(
                    "invalid-cidr", block, fmt::format("invalid CIDR block [{}]", block_text)));
                node.has_error = true;
                continue;
            }
            cidrs->blocks.push_back(*parsed);
        }
        node.cidrs = std::move(cidrs);
    }

    std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

void FoldExpr(BoundPtr& expr, std::vector<Diagnostic>& diagnostics) {
    Folder folder(diagnostics);
    folder.Fold(expr);
}

}  // namespace eql::expr
