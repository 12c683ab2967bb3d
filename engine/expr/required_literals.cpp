// Required literals. The walk visits the conjuncts that must all be true: the parts of an
// `and`, or of an `or` under `not`. For each pushed-down positive atom on a string field it
// keeps the longest piece of the literal that must appear verbatim in the event's JSON text.
// Literals that a value of another kind could match (numbers, booleans, ISO dates), typed
// non-string fields, lists and regular expressions contribute nothing. The lists therefore
// never reject an event the condition would accept. Entry point: ListRequiredLiterals.
#include "engine/expr/required_literals.hpp"

#include <cstring>

#include "engine/expr/string_ops.hpp"
#include "engine/expr/typed_values.hpp"
#include "engine/expr/wildcard.hpp"

namespace eql::expr {

namespace {

constexpr size_t kMinimumLength = 3;

// True when a number's text (digits, sign, point, exponent) could produce `piece`.
bool CouldBeNumberText(std::string_view piece) {
    return piece.find_first_not_of("0123456789.eE+-") == std::string_view::npos;
}

// The longest run of `text` that a JSON writer emits unchanged, with `\` and `"` escaped.
std::string LongestSafePiece(std::string_view text) {
    std::string best;
    std::string current;
    auto close = [&] {
        if (current.size() > best.size()) {
            best = current;
        }
        current.clear();
    };
    for (char c : text) {
        unsigned char byte = static_cast<unsigned char>(c);
        if (c == '\\') {
            current += "\\\\";
        } else if (c == '"') {
            current += "\\\"";
        } else if (byte < 0x20 || byte >= 0x7F || std::strchr("/<>&'=", c) != nullptr) {
            close();
        } else {
            current.push_back(c);
        }
    }
    close();
    return best;
}

class Collector {
public:
    void Collect(const BoundExpr& node, bool negate) {
        bool conjunction = (node.kind == BoundKind::kAnd && !negate) ||
                           (node.kind == BoundKind::kOr && negate);
        if (conjunction) {
            for (const BoundPtr& child : node.children) {
                Collect(*child, negate);
            }
            return;
        }
        if (node.kind == BoundKind::kNot) {
            if (!node.children.empty()) {
                Collect(*node.children[0], !negate);
            }
            return;
        }
        if (!StringSubject(node)) {
            return;
        }
        if (node.kind == BoundKind::kCompare) {
            ast::CompareOp op = negate ? NegateCompare(node.compare_op) : node.compare_op;
            FromCompare(node, op);
            return;
        }
        if (negate) {
            return;
        }
        switch (node.kind) {
            case BoundKind::kMatch: FromMatch(node); break;
            case BoundKind::kIn: FromIn(node); break;
            case BoundKind::kCall: FromCall(node); break;
            default: break;
        }
    }

    RequiredLiterals result;

private:
    static bool StringSubject(const BoundExpr& node) {
        if (node.children.empty() || node.children[0]->kind != BoundKind::kField) {
            return false;
        }
        const auto& type = node.children[0]->field_type;
        return !type || *type == FieldType::kKeyword || *type == FieldType::kText;
    }

    static const std::string* StringConstant(const BoundExpr& node) {
        if (!node.IsConstant() || node.constant.index() != 4) {
            return nullptr;
        }
        return &std::get<std::string>(node.constant);
    }

    void Add(std::string_view text, bool folded) {
        std::string piece = LongestSafePiece(text);
        if (piece.size() < kMinimumLength || CouldBeNumberText(piece)) {
            return;
        }
        if (folded) {
            result.folded.push_back(FoldAsciiCopy(piece));
        } else {
            result.exact.push_back(piece);
        }
    }

    // An exact value: a number- or date-looking literal also matches numbers and other date
    // spellings, so it is skipped.
    void AddValue(const std::string& literal, bool folded) {
        if (ParseJavaNumber(literal) || ParseIsoDateNanos(literal) || literal == "true" ||
            literal == "false") {
            return;
        }
        Add(literal, folded);
    }

    void FromCompare(const BoundExpr& node, ast::CompareOp op) {
        if (op != ast::CompareOp::kEq || node.children.size() != 2) {
            return;
        }
        if (const std::string* literal = StringConstant(*node.children[1])) {
            AddValue(*literal, false);
        }
    }

    void FromMatch(const BoundExpr& node) {
        if (node.children.size() != 2 || node.predicate_op == ast::PredicateOp::kRegex) {
            return;
        }
        const std::string* pattern = StringConstant(*node.children[1]);
        if (pattern == nullptr) {
            return;
        }
        WildcardPattern wildcard(*pattern, node.case_insensitive);
        if (!wildcard.has_wildcards()) {
            AddValue(*pattern, node.case_insensitive);
            return;
        }
        std::string longest;
        for (const std::string& run : wildcard.LiteralRuns()) {
            std::string piece = LongestSafePiece(run);
            if (piece.size() > LongestSafePiece(longest).size()) {
                longest = run;
            }
        }
        Add(longest, node.case_insensitive);
    }

    void FromIn(const BoundExpr& node) {
        if (node.negated || node.children.size() != 2) {
            return;
        }
        if (const std::string* literal = StringConstant(*node.children[1])) {
            AddValue(*literal, node.case_insensitive);
        }
    }

    void FromCall(const BoundExpr& node) {
        if (node.function == nullptr || node.children.size() != 2) {
            return;
        }
        std::string_view key = node.function->key;
        if (key != "startswith" && key != "endswith" && key != "stringcontains") {
            return;
        }
        if (const std::string* needle = StringConstant(*node.children[1])) {
            Add(*needle, node.case_insensitive);
        }
    }
};

}  // namespace

RequiredLiterals ListRequiredLiterals(const BoundExpr& tree) {
    Collector collector;
    collector.Collect(tree, false);
    return collector.result;
}

}  // namespace eql::expr
