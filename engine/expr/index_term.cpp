// Index terms. The walk visits the conjuncts that must all be true, as the required-literal walk
// does: the parts of an `and`, or of an `or` under `not`. A conjunct qualifies when it compares
// a string field, not negated, with string constants only: `f == "x"`, `f : "x"`, `f like "x"`
// without wildcards, or `f in ("x", "y")`. Each constant must read as no number, date or
// boolean, since those also match other spellings. Case-sensitive and case-insensitive forms
// both qualify, because the value is looked up with ASCII letters lowered, which is how the
// insensitive forms compare (string_ops.hpp), and an exact match is also an insensitive one.
// A disjunction contributes each field that all of its branches constrain, with the union of
// their values, as in `(f : "a" and g == "x") or f : "b"`. Entry point: FindIndexTerm.
#include "engine/expr/index_term.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>

#include "engine/expr/comparison.hpp"
#include "engine/expr/constant_tests.hpp"
#include "engine/expr/string_ops.hpp"
#include "engine/expr/wildcard.hpp"

namespace eql::expr {

namespace {

// Past this many constants a conjunct is not used, since it then selects little.
constexpr size_t kMaxIndexValues = 256;

// ECS fields that classify an event rather than name a program, file or address. Most events
// of one category share their values, so a term on them rules out few stages.
constexpr std::array<std::string_view, 7> kClassifyingPrefixes = {
    "event.", "host.", "os.", "agent.", "data_stream.", "ecs.", "network."};

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

// The values each field must take for a condition to be true, by field path: for every path
// the smallest set of lowered constants found.
using Candidates = std::map<std::string, std::vector<std::string>>;

// Keeps `values` for `path` unless `candidates` has a smaller set for it already.
void Keep(Candidates& candidates, const std::string& path, std::vector<std::string> values) {
    auto [found, added] = candidates.try_emplace(path, values);
    if (!added && values.size() < found->second.size()) {
        found->second = std::move(values);
    }
}

class TermFinder {
public:
    // Lists what `node` (negated when `negate`) requires. A conjunction requires what any of
    // its parts requires, and a disjunction requires, for a field that all its branches
    // constrain, one of the values of any branch.
    Candidates Visit(const BoundExpr& node, bool negate) const {
        bool conjunction = (node.kind == BoundKind::kAnd && !negate) ||
                           (node.kind == BoundKind::kOr && negate);
        bool disjunction = (node.kind == BoundKind::kOr && !negate) ||
                           (node.kind == BoundKind::kAnd && negate);
        if (conjunction) {
            Candidates all;
            for (const BoundPtr& child : node.children) {
                for (auto& [path, values] : Visit(*child, negate)) {
                    Keep(all, path, std::move(values));
                }
            }
            return all;
        }
        if (disjunction) {
            return VisitBranches(node, negate);
        }
        if (node.kind == BoundKind::kNot) {
            return node.children.empty() ? Candidates{} : Visit(*node.children[0], !negate);
        }
        return VisitAtom(node, negate);
    }

private:
    Candidates VisitBranches(const BoundExpr& node, bool negate) const {
        Candidates shared;
        for (size_t i = 0; i < node.children.size(); ++i) {
            Candidates branch = Visit(*node.children[i], negate);
            if (i == 0) {
                shared = std::move(branch);
                continue;
            }
            for (auto it = shared.begin(); it != shared.end();) {
                auto found = branch.find(it->first);
                if (found == branch.end() ||
                    it->second.size() + found->second.size() > kMaxIndexValues) {
                    it = shared.erase(it);
                    continue;
                }
                it->second.insert(it->second.end(), found->second.begin(), found->second.end());
                Distinct(it->second);
                ++it;
            }
        }
        return shared;
    }

    Candidates VisitAtom(const BoundExpr& node, bool negate) const {
        if (node.children.size() < 2 || !TestsStringField(node)) {
            return {};
        }
        if (node.kind == BoundKind::kCompare) {
            ast::CompareOp op = negate ? NegateCompare(node.compare_op) : node.compare_op;
            bool equality = op == ast::CompareOp::kEq && node.children.size() == 2;
            return equality ? FromConstants(node, false) : Candidates{};
        }
        if (negate) {
            return {};
        }
        if (node.kind == BoundKind::kIn && !node.negated) {
            return FromConstants(node, false);
        }
        if (node.kind == BoundKind::kMatch && node.predicate_op != ast::PredicateOp::kRegex) {
            return FromConstants(node, true);
        }
        return {};
    }

    // Returns the constant as a value to look up. Returns nothing when it may match another
    // spelling, or (for a pattern) when it has wildcards or escapes.
    static std::optional<std::string> LookupValue(const BoundExpr& node, bool pattern) {
        if (!node.IsConstant() || !std::holds_alternative<std::string>(node.constant)) {
            return std::nullopt;
        }
        const std::string& text = std::get<std::string>(node.constant);
        if (MatchesOtherSpellings(text)) {
            return std::nullopt;
        }
        if (pattern && (text.find('\\') != std::string::npos ||
                        WildcardPattern(text, false).has_wildcards())) {
            return std::nullopt;
        }
        return FoldAsciiCopy(text);
    }

    static void Distinct(std::vector<std::string>& values) {
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
    }

    // Children 1 and on are the constants of `node`. Returns the term when all qualify.
    static Candidates FromConstants(const BoundExpr& node, bool patterns) {
        if (node.children.size() - 1 > kMaxIndexValues) {
            return {};
        }
        std::vector<std::string> values;
        for (size_t i = 1; i < node.children.size(); ++i) {
            std::optional<std::string> value = LookupValue(*node.children[i], patterns);
            if (!value) {
                return {};
            }
            values.push_back(std::move(*value));
        }
        Distinct(values);
        return Candidates{{node.children[0]->path, std::move(values)}};
    }
};

// Picks the candidate that selects best: the lowest rank, then the fewest values.
std::optional<IndexTerm> Best(const Candidates& candidates) {
    std::optional<IndexTerm> best;
    for (const auto& [path, values] : candidates) {
        if (best) {
            int rank = SelectivityRank(path);
            int best_rank = SelectivityRank(best->path);
            if (rank > best_rank || (rank == best_rank && values.size() >= best->values.size())) {
                continue;
            }
        }
        best = IndexTerm{path, 0, values, SelectivityRank(path) == 0};
    }
    return best;
}

}  // namespace

std::optional<IndexTerm> FindIndexTerm(const BoundExpr& tree) {
    return Best(TermFinder().Visit(tree, false));
}

}  // namespace eql::expr
