// The function table and its lookups: case-insensitive resolution and the "did you mean"
// suggestions of unknown names.
#include "engine/expr/function_registry.hpp"

#include <algorithm>

#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

const std::vector<FunctionSpec>& Table() {
    static const std::vector<FunctionSpec> table = [] {
        std::vector<FunctionSpec> all;
        AddStringFunctions(all);
        AddNetworkFunctions(all);
        AddMathFunctions(all);
        AddConversionFunctions(all);
        return all;
    }();
    return table;
}

size_t Levenshtein(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

const FunctionSpec* FindFunction(std::string_view name) {
    for (const FunctionSpec& spec : Table()) {
        if (EqualsFolded(spec.key, name)) {
            return &spec;
        }
    }
    return nullptr;
}

std::vector<std::string> SimilarFunctionNames(std::string_view name) {
    std::string folded = FoldAsciiCopy(name);
    std::vector<std::pair<double, std::string>> scored;
    for (const FunctionSpec& spec : Table()) {
        size_t longest = std::max(folded.size(), spec.key.size());
        double similarity = longest == 0 ? 1.0
                                         : 1.0 - double(Levenshtein(folded, spec.key)) /
                                                     double(longest);
        if (similarity >= 0.5) {
            scored.emplace_back(similarity, std::string(spec.key));
        }
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> names;
    for (auto& entry : scored) {
        names.push_back(std::move(entry.second));
    }
    return names;
}

bool AppendJavaString(const Scalar& value, std::string& out) {
    if (value.IsNull()) {
        return false;
    }
    ScalarText text;
    out += text.Of(value);
    return true;
}

}  // namespace eql::expr
