// Index terms. The walk visits the conjuncts that must all be true, as the required-literal walk
// does: the parts of an `and`, or of an `or` under `not`. A conjunct qualifies when it compares
// a string field, not negated, with string constants only: `f == "x"`, `f : "x"`, `f like "x"`
// without wildcards, or `f in ("x", "y")`. Each constant must read as no number, date or
// boolean, since those also match other spellings. Case-sensitive and case-insensitive forms
// both qualify, because the value is looked up with ASCII letters lowered, which is how the
// insensitive forms compare (string_ops.hpp), and an exact match is also an insensitive one.
// Entry point: FindIndexTerm.
#include "engine/expr/index_term.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "engine/expr/comparison.hpp"
#include "engine/expr/string_ops.hpp"
#include "engine/expr/typed_values.hpp"
#include "engine/expr/wildcard.hpp"

namespace eql::expr {

namespace {

// Past this many constants a conjunct is not used, since it then selects little.
constexpr size_t kMaxIndexValues = 256;

// ECS fields that classify an event rather than name a program, file or address. Most events
// of one category share their values, so a term on them selects few stages.
constexpr std::array<std::string_view, 6> kClassifyingPrefixes = {
    "event.", "host.", "os.", "agent.", "data_stream.", "ecs."};

// Lower ranks select better: 0 for most fields, 1 for event.action, 2 for classifying fields.
int SelectivityRank(std::string_view path) {
    if (path == "event.action") {
        return 1;
    }
    for (std::string_view prefix : kClassifyingPrefixes) {
        if (path.substr(0, prefix.size()) == prefix) {
            return 2;
        }
    }
    return 0;
}

class TermFinder {
public:
    void Visit(const BoundExpr& node, bool negate) {
        bool conjunction = (node.kind == BoundKind::kAnd && !negate) ||
                           (node.kind == BoundKind::kOr && negate);
        if (conjunction) {
            for (const BoundPtr& child : node.children) {
                Visit(*child, negate);
            }
            return;
        }
        if (node.kind == BoundKind::kNot) {
            if (!node.children.empty()) {
                Visit(*node.children[0], !negate);
            }
            return;
        }
        if (!StringSubject(node)) {
            return;
        }
        if (node.kind == BoundKind::kCompare) {
            ast::CompareOp op = negate ? NegateCompare(node.compare_op) : node.compare_op;
            if (op == ast::CompareOp::kEq && node.children.size() == 2) {
                FromConstants(node, false);
            }
            return;
        }
        if (negate) {
            return;
        }
        if (node.kind == BoundKind::kIn && !node.negated) {
            FromConstants(node, false);
        } else if (node.kind == BoundKind::kMatch && node.predicate_op != ast::PredicateOp::kRegex) {
            FromConstants(node, true);
        }
    }

    std::optional<IndexTerm> best;

private:
    static bool StringSubject(const BoundExpr& node) {
        if (node.children.size() < 2 || node.children[0]->kind != BoundKind::kField) {
            return false;
        }
        const auto& type = node.children[0]->field_type;
        return !type || *type == FieldType::kKeyword || *type == FieldType::kText;
    }

    // The constant as a value to look up, or nothing when it may match another spelling, or
    // (for a pattern) when it has wildcards or escapes.
    static std::optional<std::string> LookupValue(const BoundExpr& node, bool pattern) {
        if (!node.IsConstant() || !std::holds_alternative<std::string>(node.constant)) {
            return std::nullopt;
        }
        const std::string& text = std::get<std::string>(node.constant);
        if (ParseJavaNumber(text) || ParseIsoDateNanos(text) || text == "true" ||
            text == "false") {
            return std::nullopt;
        }
        if (pattern && (text.find('\\') != std::string::npos ||
                        WildcardPattern(text, false).has_wildcards())) {
            return std::nullopt;
        }
        return FoldAsciiCopy(text);
    }

    // Children 1 and on are the constants of `node`; keeps the term when all qualify.
    void FromConstants(const BoundExpr& node, bool patterns) {
        if (node.children.size() - 1 > kMaxIndexValues) {
            return;
        }
        IndexTerm term;
        term.path = node.children[0]->path;
        for (size_t i = 1; i < node.children.size(); ++i) {
            std::optional<std::string> value = LookupValue(*node.children[i], patterns);
            if (!value) {
                return;
            }
            term.values.push_back(std::move(*value));
        }
        std::sort(term.values.begin(), term.values.end());
        term.values.erase(std::unique(term.values.begin(), term.values.end()), term.values.end());
        Offer(std::move(term));
    }

    // Keeps `term` when it selects better than the best so far: a lower rank, or fewer
    // values at the same rank.
    void Offer(IndexTerm term) {
        if (best) {
            int rank = SelectivityRank(term.path);
            int best_rank = SelectivityRank(best->path);
            if (rank > best_rank ||
                (rank == best_rank && term.values.size() >= best->values.size())) {
                return;
            }
        }
        best = std::move(term);
    }
};

}  // namespace

std::optional<IndexTerm> FindIndexTerm(const BoundExpr& tree) {
    TermFinder finder;
    finder.Visit(tree, false);
    return std::move(finder.best);
}

}  // namespace eql::expr
