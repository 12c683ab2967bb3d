// The public entry points of engine.hpp: Compile runs the phases in order (parse, verify, plan)
// and gathers their diagnostics, and Explain prints a plan. A syntax error stops compilation at
// once. The verifier's findings are all reported, and planning runs only when none is an error.
// The Runner is implemented in engine/eval/runner.cpp.
#include <algorithm>
#include <memory>
#include <utility>

#include "eql/engine.hpp"
#include "engine/check/verify.hpp"
#include "engine/expr/bound_expr.hpp"
#include "engine/plan/plan.hpp"
#include "grammar/parse.hpp"

namespace eql {

namespace {

bool HasError(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& diagnostic) {
        return diagnostic.severity == Severity::kError;
    });
}

void SortBySource(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.offset < b.offset; });
}

}  // namespace

CompileResult Compile(std::string_view text, EventLayout& layout, const CompileOptions& options) {
    CompileResult result;

    grammar::ParseResult parsed = grammar::ParseQuery(text);
    if (!parsed.query) {
        if (parsed.error) {
            result.diagnostics.push_back(*parsed.error);
        }
        return result;
    }
    auto query = std::make_shared<const ast::Query>(std::move(*parsed.query));
    result.query = query;

    // The verifier binds and folds every condition, so the planner compiles those trees instead
    // of binding and folding the same conditions again.
    expr::BoundConditions bound;
    VerifyOptions verify_options;
    verify_options.schema = options.schema;
    verify_options.text = text;
    verify_options.bound = &bound;
    result.diagnostics = VerifyQuery(*query, verify_options);
    if (HasError(result.diagnostics)) {
        SortBySource(result.diagnostics);
        return result;
    }

    plan::PlanResult planned = plan::BuildPlan(*query, options, layout, &bound);
    for (Diagnostic& diagnostic : planned.diagnostics) {
        result.diagnostics.push_back(std::move(diagnostic));
    }
    if (!HasError(result.diagnostics)) {
        result.plan = std::move(planned.plan);
    }
    SortBySource(result.diagnostics);
    return result;
}

std::string Explain(const Plan& plan) { return plan.Dump(); }

}  // namespace eql
