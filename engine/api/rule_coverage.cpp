// CoverageRecorder. An alternative counts as exercised when the stage condition, rewritten so
// that only this alternative remains (the `or` replaced by one branch, the list cut to one
// value), still holds for an event the stage matched. The rewritten condition is compiled by
// the same CompileCondition the rule runs with, so coverage never disagrees with evaluation.
// Alternatives under a `not`, and `not in` lists, are left out: cutting them changes the
// condition the other way.
#include "engine/api/rule_coverage.hpp"

#include <functional>
#include <optional>

#include "engine/expr/condition.hpp"
#include "engine/plan/plan.hpp"
#include "grammar/parse.hpp"

namespace eql {
namespace {

ast::ExprPtr CloneExpr(const ast::Expr& expr) {
    auto copy = std::make_unique<ast::Expr>();
    copy->kind = expr.kind;
    copy->span = expr.span;
    copy->literal = expr.literal;
    copy->field = expr.field;
    copy->name = expr.name;
    copy->case_insensitive = expr.case_insensitive;
    copy->arithmetic_op = expr.arithmetic_op;
    copy->compare_op = expr.compare_op;
    copy->predicate_op = expr.predicate_op;
    copy->negated = expr.negated;
    for (const ast::ExprPtr& child : expr.children) {
        copy->children.push_back(CloneExpr(*child));
    }
    return copy;
}

// One place with alternatives: an `or` node (alternatives are its children) or a list
// predicate (alternatives are children[1...]). `node_index` is its position in a pre-order
// walk of the stage condition.
struct AlternativeSite {
    size_t node_index = 0;
    bool is_or = false;
    std::vector<ast::Span> spans;       // one per alternative
    std::vector<std::string> labels;    // one per alternative, for messages
    std::vector<bool> exercised;
    std::string context;                // the whole `or` or predicate as EQL
};

struct WrittenStage {
    const ast::Stage* stage = nullptr;  // null for an event query
    const ast::Expr* condition = nullptr;
    ast::Span span;
    bool exercised = false;
    std::vector<AlternativeSite> sites;
};

bool IsListPredicate(const ast::Expr& expr) {
    return expr.kind == ast::ExprKind::kPredicate && !expr.negated && expr.children.size() > 2;
}

// Walks `expr` in pre-order, calling `visit(node, index, under_not)`.
void Walk(const ast::Expr& expr, size_t& index, bool under_not,
          const std::function<void(const ast::Expr&, size_t, bool)>& visit) {
    visit(expr, index++, under_not);
    bool child_under_not = under_not || expr.kind == ast::ExprKind::kNot;
    for (const ast::ExprPtr& child : expr.children) {
        Walk(*child, index, child_under_not, visit);
    }
}

std::vector<AlternativeSite> FindSites(const ast::Expr& condition) {
    std::vector<AlternativeSite> sites;
    size_t index = 0;
    Walk(condition, index, false, [&](const ast::Expr& node, size_t at, bool under_not) {
        if (under_not) {
            return;
        }
        bool is_or = node.kind == ast::ExprKind::kOr;
        if (!is_or && !IsListPredicate(node)) {
            return;
        }
        AlternativeSite site;
        site.node_index = at;
        site.is_or = is_or;
        site.context = ast::Print(node);
        for (size_t i = is_or ? 0 : 1; i < node.children.size(); ++i) {
            site.spans.push_back(node.children[i]->span);
            site.labels.push_back(ast::Print(*node.children[i]));
        }
        site.exercised.assign(site.spans.size(), false);
        sites.push_back(std::move(site));
    });
    return sites;
}

// Returns a copy of `condition` where the site's node keeps only alternative `keep`.
ast::ExprPtr KeepOneAlternative(const ast::Expr& condition, const AlternativeSite& site,
                                size_t keep) {
    ast::ExprPtr copy = CloneExpr(condition);
    size_t index = 0;
    ast::Expr* target = nullptr;
    std::function<void(ast::Expr&)> find = [&](ast::Expr& node) {
        if (index++ == site.node_index) {
            target = &node;
            return;
        }
        for (ast::ExprPtr& child : node.children) {
            if (target == nullptr) {
                find(*child);
            }
        }
    };
    find(*copy);
    if (target == nullptr) {
        return copy;
    }
    if (site.is_or) {
        ast::ExprPtr branch = std::move(target->children[keep]);
        *target = std::move(*branch);
    } else {
        ast::ExprPtr value = std::move(target->children[keep + 1]);
        target->children.resize(1);
        target->children.push_back(std::move(value));
    }
    return copy;
}

}  // namespace

struct CoverageRecorder::State {
    std::optional<ast::Query> query;
    const Plan* plan = nullptr;
    std::vector<WrittenStage> stages;
};

CoverageRecorder::CoverageRecorder(std::string_view query, const Plan& plan)
    : state_(std::make_unique<State>()) {
    state_->plan = &plan;
    grammar::ParseResult parsed = grammar::ParseQuery(query);
    if (!parsed.query) {
        return;
    }
    state_->query = std::move(parsed.query);
    const ast::Query& ast_query = *state_->query;

    auto add_stage = [&](const ast::Stage* stage, const ast::EventFilter& filter) {
        WrittenStage written;
        written.stage = stage;
        written.condition = filter.condition.get();
        written.span = stage != nullptr ? stage->span : filter.span;
        if (written.condition != nullptr) {
            written.sites = FindSites(*written.condition);
        }
        state_->stages.push_back(std::move(written));
    };
    if (ast_query.kind == ast::QueryKind::kEvent) {
        add_stage(nullptr, ast_query.event);
    }
    const std::vector<ast::Stage>& stages = ast_query.kind == ast::QueryKind::kSequence
                                                ? ast_query.sequence.stages
                                                : ast_query.sample.stages;
    if (ast_query.kind != ast::QueryKind::kEvent) {
        for (const ast::Stage& stage : stages) {
            add_stage(&stage, stage.filter);
        }
    }
}

CoverageRecorder::~CoverageRecorder() = default;
CoverageRecorder::CoverageRecorder(CoverageRecorder&&) noexcept = default;

void CoverageRecorder::Record(const std::vector<Match>& matches, EventLayout& layout) {
    for (const Match& match : matches) {
        for (size_t i = 0; i < match.events.size() && i < state_->plan->stages.size(); ++i) {
            const EventPtr& event = match.events[i];
            uint32_t written = state_->plan->stages[i].written_index;
            if (event == nullptr || written >= state_->stages.size()) {
                continue;
            }
            WrittenStage& stage = state_->stages[written];
            stage.exercised = true;
            for (AlternativeSite& site : stage.sites) {
                for (size_t alternative = 0; alternative < site.exercised.size(); ++alternative) {
                    if (site.exercised[alternative]) {
                        continue;
                    }
                    ast::ExprPtr variant = KeepOneAlternative(*stage.condition, site, alternative);
                    expr::CompiledCondition compiled = expr::CompileCondition(*variant, layout);
                    if (compiled.condition != nullptr && compiled.condition->Test(*event)) {
                        site.exercised[alternative] = true;
                    }
                }
            }
        }
    }
}

std::vector<CoverageGap> CoverageRecorder::Gaps() const {
    std::vector<CoverageGap> gaps;
    for (size_t i = 0; i < state_->stages.size(); ++i) {
        const WrittenStage& stage = state_->stages[i];
        if (!stage.exercised) {
            gaps.push_back({stage.span.begin, std::max(1u, stage.span.end - stage.span.begin),
                            "stage " + std::to_string(i + 1) + " is in no positive case's match"});
            continue;
        }
        for (const AlternativeSite& site : stage.sites) {
            for (size_t a = 0; a < site.exercised.size(); ++a) {
                if (site.exercised[a]) {
                    continue;
                }
                const ast::Span& span = site.spans[a];
                std::string what = site.is_or ? "'or' branch " + site.labels[a]
                                              : "value " + site.labels[a] + " of '" +
                                                    site.context + "'";
                gaps.push_back({span.begin, std::max(1u, span.end - span.begin),
                                what + " is never what made stage " + std::to_string(i + 1) +
                                    " match"});
            }
        }
    }
    return gaps;
}

}  // namespace eql
