// Builder checks on pipes, with Elasticsearch's messages: the names it recognises, which of them
// it runs (head and tail), and the single constant integer they take. Entry point: CheckPipe.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "grammar/builder_checks.hpp"
#include "grammar/errors.hpp"

namespace eql::grammar::detail {
namespace {

// The pipe names Elasticsearch recognises, in the order its hash set lists them, which decides
// the order of equally close suggestions.
constexpr std::array<std::string_view, 7> kKnownPipes = {
    "filter", "head", "tail", "unique", "count", "sort", "unique_count"};

// Similarity as Lucene's LevenshteinDistance computes it: 1 - distance / longer length.
float Similarity(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) {
        return a.size() == b.size() ? 1.0f : 0.0f;
    }
    std::vector<size_t> previous(a.size() + 1);
    std::vector<size_t> current(a.size() + 1);
    for (size_t i = 0; i <= a.size(); ++i) {
        previous[i] = i;
    }
    for (size_t j = 1; j <= b.size(); ++j) {
        current[0] = j;
        for (size_t i = 1; i <= a.size(); ++i) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[i] = std::min({current[i - 1] + 1, previous[i] + 1, previous[i - 1] + cost});
        }
        std::swap(previous, current);
    }
    const auto longer = static_cast<float>(std::max(a.size(), b.size()));
    return 1.0f - static_cast<float>(previous[a.size()]) / longer;
}

// "" or ", did you mean [head]?" or ", did you mean any of [head, tail]?".
std::string SuggestPipes(std::string_view name) {
    std::vector<std::pair<float, std::string_view>> scored;
    for (std::string_view known : kKnownPipes) {
        const float score = Similarity(name, known);
        if (score >= 0.5f) {
            scored.emplace_back(score, known);
        }
    }
    if (scored.empty()) {
        return "";
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });

    std::string list;
    for (const auto& [score, known] : scored) {
        list += list.empty() ? "" : ", ";
        list += known;
    }
    return scored.size() == 1 ? fmt::format(", did you mean [{}]?", list)
                              : fmt::format(", did you mean any of [{}]?", list);
}

std::optional<int64_t> CheckedArithmetic(ast::ArithmeticOp op, int64_t left, int64_t right) {
    int64_t result = 0;
    switch (op) {
        case ast::ArithmeticOp::kAdd:
            return __builtin_add_overflow(left, right, &result) ? std::nullopt
                                                                : std::optional(result);
        case ast::ArithmeticOp::kSubtract:
            return __builtin_sub_overflow(left, right, &result) ? std::nullopt
                                                                : std::optional(result);
        case ast::ArithmeticOp::kMultiply:
            return __builtin_mul_overflow(left, right, &result) ? std::nullopt
                                                                : std::optional(result);
        case ast::ArithmeticOp::kDivide:
        case ast::ArithmeticOp::kModulo:
            if (right == 0 || (left == std::numeric_limits<int64_t>::min() && right == -1)) {
                return std::nullopt;
            }
            return op == ast::ArithmeticOp::kDivide ? left / right : left % right;
    }
    return std::nullopt;
}

// Folds integer constants as Elasticsearch folds a pipe argument: literals, unary minus and
// arithmetic. Recursion is bounded by the tree depth limit of the builder.
std::optional<int64_t> FoldInteger(const ast::Expr& expr) {
    switch (expr.kind) {
        case ast::ExprKind::kLiteral:
            if (const auto* value = std::get_if<int64_t>(&expr.literal)) {
                return *value;
            }
            return std::nullopt;
        case ast::ExprKind::kNegate: {
            const std::optional<int64_t> value = FoldInteger(*expr.children[0]);
            return value ? CheckedArithmetic(ast::ArithmeticOp::kSubtract, 0, *value) : value;
        }
        case ast::ExprKind::kArithmetic: {
            const std::optional<int64_t> left = FoldInteger(*expr.children[0]);
            const std::optional<int64_t> right = FoldInteger(*expr.children[1]);
            if (!left || !right) {
                return std::nullopt;
            }
            return CheckedArithmetic(expr.arithmetic_op, *left, *right);
        }
        default:
            return std::nullopt;
    }
}

}  // namespace

void CheckPipe(Builder& builder, ast::Pipe& pipe) {
    if (builder.query.kind == ast::QueryKind::kSample) {
        builder.AddIssue(code::kPipeAfterSample, "pipes are not supported after a sample",
                         pipe.span);
        return;
    }
    const bool known = std::find(kKnownPipes.begin(), kKnownPipes.end(), pipe.name) !=
                       kKnownPipes.end();
    if (!known) {
        const std::string suggestion = SuggestPipes(pipe.name);
        builder.AddIssue(code::kUnknownPipe,
                         fmt::format("Unrecognized pipe [{}]{}", pipe.name, suggestion),
                         pipe.name_span);
        return;
    }
    if (pipe.name != "head" && pipe.name != "tail") {
        builder.AddIssue(code::kUnsupportedPipe,
                         fmt::format("Pipe [{}] is not supported", pipe.name), pipe.span);
        return;
    }
    if (pipe.arguments.size() != 1) {
        builder.AddIssue(code::kPipeArgumentCount,
                         fmt::format("Pipe [{}] expects exactly one argument but found [{}]",
                                     pipe.name, pipe.arguments.size()),
                         pipe.span);
        return;
    }

    // Elasticsearch casts the folded value to a Java int, so larger values fail there too.
    const ast::Expr& argument = *pipe.arguments[0];
    const std::optional<int64_t> limit = FoldInteger(argument);
    if (!limit || *limit < 0 || *limit > std::numeric_limits<int32_t>::max()) {
        builder.AddIssue(code::kPipeArgument,
                         fmt::format("Pipe [{}] expects a positive integer but found [{}]",
                                     pipe.name, builder.TextOf(argument.span)),
                         argument.span);
        return;
    }
    pipe.limit = limit;
}

}  // namespace eql::grammar::detail
