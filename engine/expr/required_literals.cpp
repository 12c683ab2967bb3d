// Required literals. The walk visits the conjuncts that must all be true: the parts of an
// `and`, or of an `or` under `not`. For each pushed-down positive atom on a string field it
// keeps the longest piece of the literal that must appear verbatim in the event's JSON text.
// Literals that a value of another kind could match (numbers, booleans, ISO dates), typed
// non-string fields and regular expressions contribute nothing. A list of strings or patterns
// contributes the longest piece that all its members share, such as "SOCKS" for ("SOCKS4",
// "SOCKS5"), and the group of its members' pieces, of which one must appear. The lists
// therefore never reject an event the condition would accept. Entry point:
// ListRequiredLiterals.
#include "engine/expr/required_literals.hpp"

#include <algorithm>
#include <cstring>

#include "engine/expr/constant_tests.hpp"
#include "engine/expr/string_ops.hpp"
#include "engine/expr/wildcard.hpp"

namespace eql::expr {

namespace {

constexpr size_t kMinimumLength = 3;

// Past these sizes an `in` list contributes nothing, which keeps the shared-piece search cheap.
constexpr size_t kMaxSharedListMembers = 64;
constexpr size_t kMaxSharedMemberBytes = 128;

// True when a number's text (digits, sign, point, exponent) could produce `piece`.
bool CouldBeNumberText(std::string_view piece) {
    return piece.find_first_not_of("0123456789.eE+-") == std::string_view::npos;
}

// The runs of `text` that a JSON writer emits unchanged, with `\` and `"` escaped.
std::vector<std::string> SafeRuns(std::string_view text) {
    std::vector<std::string> runs;
    std::string current;
    auto close = [&] {
        if (!current.empty()) {
            runs.push_back(current);
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
    return runs;
}

// The longest run of `text` that a JSON writer emits unchanged, with `\` and `"` escaped.
std::string LongestSafePiece(std::string_view text) {
    std::string best;
    for (std::string& run : SafeRuns(text)) {
        if (run.size() > best.size()) {
            best = std::move(run);
        }
    }
    return best;
}

bool AnyRunContains(const std::vector<std::string>& runs, std::string_view piece) {
    for (const std::string& run : runs) {
        if (run.find(piece) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// The longest piece of at least kMinimumLength bytes that lies inside a safe run of every
// member, or "" when there is none. Members are already escaped into their runs.
std::string LongestSharedPiece(const std::vector<std::vector<std::string>>& members) {
    auto total_bytes = [](const std::vector<std::string>& runs) {
        size_t total = 0;
        for (const std::string& run : runs) {
            total += run.size();
        }
        return total;
    };
    size_t shortest = 0;
    for (size_t i = 1; i < members.size(); ++i) {
        if (total_bytes(members[i]) < total_bytes(members[shortest])) {
            shortest = i;
        }
    }
    const std::vector<std::string>& pivot = members[shortest];
    size_t longest_run = 0;
    for (const std::string& run : pivot) {
        longest_run = std::max(longest_run, run.size());
    }

    // Longer pieces first, so the first piece that every member contains is the result.
    for (size_t length = longest_run; length >= kMinimumLength; --length) {
        for (const std::string& run : pivot) {
            for (size_t start = 0; start + length <= run.size(); ++start) {
                std::string_view piece(run.data() + start, length);
                bool shared = std::all_of(members.begin(), members.end(),
                                          [piece](const std::vector<std::string>& runs) {
                                              return AnyRunContains(runs, piece);
                                          });
                if (shared) {
                    return std::string(piece);
                }
            }
        }
    }
    return "";
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
        if (!TestsStringField(node)) {
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
    static const std::string* StringConstant(const BoundExpr& node) {
        if (!node.IsConstant() || node.constant.index() != 4) {
            return nullptr;
        }
        return &std::get<std::string>(node.constant);
    }

    void Add(std::string_view text, bool folded) { AddPiece(LongestSafePiece(text), folded); }

    // Adds `piece`, which is already escaped as JSON writes it.
    void AddPiece(const std::string& piece, bool folded) {
        if (piece.size() < kMinimumLength || CouldBeNumberText(piece)) {
            return;
        }
        if (folded) {
            result.folded.push_back(FoldAsciiCopy(piece));
        } else {
            result.exact.push_back(piece);
        }
    }

    // An exact value, skipped when it could match other spellings.
    void AddValue(const std::string& literal, bool folded) {
        if (!MatchesOtherSpellings(literal)) {
            Add(literal, folded);
        }
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
        if (node.children.size() < 2 || node.predicate_op == ast::PredicateOp::kRegex) {
            return;
        }
        if (node.children.size() == 2) {
            const std::string* pattern = StringConstant(*node.children[1]);
            if (pattern != nullptr) {
                AddPiece(PatternPiece(*pattern, node.case_insensitive), node.case_insensitive);
            }
            return;
        }
        if (node.children.size() - 1 > kMaxSharedListMembers) {
            return;
        }
        RequiredLiterals::AnyOf group{{}, node.case_insensitive};
        for (size_t i = 1; i < node.children.size(); ++i) {
            const std::string* pattern = StringConstant(*node.children[i]);
            if (pattern == nullptr) {
                return;
            }
            group.texts.push_back(PatternPiece(*pattern, node.case_insensitive));
        }
        AddGroup(std::move(group));
    }

    // The piece of a `:` or `like` pattern that every match contains, escaped, or "" when
    // none is sure (a value that could match other spellings).
    static std::string PatternPiece(const std::string& pattern, bool folded) {
        WildcardPattern wildcard(pattern, folded);
        if (!wildcard.has_wildcards()) {
            return MatchesOtherSpellings(pattern) ? "" : LongestSafePiece(pattern);
        }
        std::string longest;
        for (const std::string& run : wildcard.LiteralRuns()) {
            std::string piece = LongestSafePiece(run);
            if (piece.size() > longest.size()) {
                longest = std::move(piece);
            }
        }
        return longest;
    }

    // Adds a group of escaped pieces, unless some member gives no sure piece, since an event
    // matching that member need then contain none of the others.
    void AddGroup(RequiredLiterals::AnyOf group) {
        for (std::string& piece : group.texts) {
            if (piece.size() < kMinimumLength || CouldBeNumberText(piece)) {
                return;
            }
            if (group.folded) {
                piece = FoldAsciiCopy(piece);
            }
        }
        result.any_of.push_back(std::move(group));
    }

    void FromIn(const BoundExpr& node) {
        if (node.negated || node.children.size() < 2) {
            return;
        }
        if (node.children.size() == 2) {
            if (const std::string* literal = StringConstant(*node.children[1])) {
                AddValue(*literal, node.case_insensitive);
            }
            return;
        }
        FromList(node);
    }

    // Every member matches only a string containing its own text, so a piece all of them
    // share must appear. A null, a number or a date-looking member breaks that.
    void FromList(const BoundExpr& node) {
        if (node.children.size() - 1 > kMaxSharedListMembers) {
            return;
        }
        std::vector<std::vector<std::string>> members;
        for (size_t i = 1; i < node.children.size(); ++i) {
            const std::string* literal = StringConstant(*node.children[i]);
            if (literal == nullptr || literal->size() > kMaxSharedMemberBytes ||
                MatchesOtherSpellings(*literal)) {
                return;
            }
            members.push_back(SafeRuns(node.case_insensitive ? FoldAsciiCopy(*literal) : *literal));
        }
        AddPiece(LongestSharedPiece(members), node.case_insensitive);

        RequiredLiterals::AnyOf group{{}, node.case_insensitive};
        for (size_t i = 1; i < node.children.size(); ++i) {
            group.texts.push_back(LongestSafePiece(*StringConstant(*node.children[i])));
        }
        AddGroup(std::move(group));
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
