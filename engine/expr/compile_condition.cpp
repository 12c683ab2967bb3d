// CompileCondition: a where-clause AST to a tree of Condition objects, following
// Elasticsearch's normalisation. After binding and folding, `not` is pushed inward (De Morgan,
// comparisons negated, null tests swapped) until it rests on an atomic predicate. An atom whose
// subject is a plain field and whose other operands are constants is pushed down: it is true
// when some value of the field satisfies it, or, with a `not` left on it, when no value does.
// Any other atom is a script, evaluated with three-valued logic once per combination of field
// values.

#include "engine/expr/bound_expr.hpp"
#include "engine/expr/condition.hpp"
#include "engine/expr/index_term.hpp"
#include "engine/expr/required_literals.hpp"
#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

// A script over multi-valued fields runs once per combination of values.
// Known gap: past this many combinations the rest are not tried, so a match found only in a
// later combination of very large arrays is missed.
constexpr size_t kMaxCombinations = 4096;

FieldView ValuesOf(const Event& event, uint32_t slot) { return event.fields[slot]; }

class ConstantCondition final : public Condition {
public:
    explicit ConstantCondition(bool value) : value_(value) {}
    bool Test(const Event&) const override { return value_; }

private:
    bool value_;
};

class LogicCondition final : public Condition {
public:
    LogicCondition(bool is_and, std::vector<std::unique_ptr<Condition>> parts)
        : is_and_(is_and), parts_(std::move(parts)) {}

    bool Test(const Event& event) const override {
        for (const auto& part : parts_) {
            if (part->Test(event) != is_and_) {
                return !is_and_;
            }
        }
        return is_and_;
    }

private:
    bool is_and_;
    std::vector<std::unique_ptr<Condition>> parts_;
};

// One test of a single field value, for pushed-down atoms.
class ValueTest {
public:
    virtual ~ValueTest() = default;
    virtual bool Test(const Scalar& value) const = 0;
};

class CompareTest final : public ValueTest {
public:
    CompareTest(std::shared_ptr<const Comparand> comparand, ast::CompareOp op)
        : comparand_(std::move(comparand)), op_(op) {}
    bool Test(const Scalar& value) const override { return comparand_->Test(value, op_); }

private:
    std::shared_ptr<const Comparand> comparand_;
    ast::CompareOp op_;
};

class MatchTest final : public ValueTest {
public:
    explicit MatchTest(std::shared_ptr<const StringMatcher> matcher)
        : matcher_(std::move(matcher)) {}
    bool Test(const Scalar& value) const override {
        if (value.kind == Scalar::Kind::kString) {
            return matcher_->Matches(value.text);
        }
        ScalarText text;
        return matcher_->Matches(text.Of(value));
    }

private:
    std::shared_ptr<const StringMatcher> matcher_;
};

class InTest final : public ValueTest {
public:
    explicit InTest(std::shared_ptr<const ValueSet> set) : set_(std::move(set)) {}
    bool Test(const Scalar& value) const override { return set_->Contains(value); }

private:
    std::shared_ptr<const ValueSet> set_;
};

// A boolean function whose first argument is the field and the others constants.
class CallTest final : public ValueTest {
public:
    explicit CallTest(const BoundExpr& call) : call_(call) {
        for (const BoundPtr& child : call.children) {
            args_.push_back(ToScalar(child->constant));
        }
    }

    bool Test(const Scalar& value) const override {
        thread_local std::vector<Scalar> args;
        thread_local ScratchStrings scratch;
        args.assign(args_.begin(), args_.end());
        args[0] = value;
        scratch.Reset();
        CallContext context;
        context.case_insensitive = call_.case_insensitive;
        context.scratch = &scratch;
        context.prepared = call_.cidrs.get();
        Scalar result = call_.function->eval(args.data(), args.size(), context);
        return result.kind == Scalar::Kind::kBool && result.boolean;
    }

private:
    const BoundExpr& call_;
    std::vector<Scalar> args_;  // views of the call's constants; args_[0] is replaced
};

class FieldCondition final : public Condition {
public:
    FieldCondition(uint32_t slot, bool negated, std::unique_ptr<ValueTest> test)
        : slot_(slot), negated_(negated), test_(std::move(test)) {}

    bool Test(const Event& event) const override {
        for (const Value& value : ValuesOf(event, slot_)) {
            if (!IsNull(value) && test_->Test(ToScalar(value))) {
                return !negated_;
            }
        }
        return negated_;
    }

private:
    uint32_t slot_;
    bool negated_;  // true: no value may satisfy the test
    std::unique_ptr<ValueTest> test_;
};

class NullTestCondition final : public Condition {
public:
    NullTestCondition(uint32_t slot, bool expect_null) : slot_(slot), expect_null_(expect_null) {}

    bool Test(const Event& event) const override {
        bool missing = true;
        for (const Value& value : ValuesOf(event, slot_)) {
            missing = missing && IsNull(value);
        }
        return missing == expect_null_;
    }

private:
    uint32_t slot_;
    bool expect_null_;
};

class ScriptCondition final : public Condition {
public:
    ScriptCondition(const BoundExpr& root, bool negate, std::vector<uint32_t> slots)
        : root_(root), negate_(negate), slots_(std::move(slots)) {}

    bool Test(const Event& event) const override {
        thread_local std::vector<const Value*> row;
        thread_local std::vector<size_t> position;
        thread_local ScratchStrings scratch;
        size_t count = slots_.size();
        row.assign(count, nullptr);
        position.assign(count, 0);
        EvalFrame frame{row.data(), &scratch};

        // Odometer over the values of every field; a missing field contributes one null.
        for (size_t combination = 0; combination < kMaxCombinations; ++combination) {
            for (size_t i = 0; i < count; ++i) {
                FieldView values = ValuesOf(event, slots_[i]);
                row[i] = position[i] < values.size() ? &values[position[i]] : nullptr;
            }
            scratch.Reset();
            Scalar result = EvalScalar(root_, frame);
            if (result.kind == Scalar::Kind::kBool && result.boolean != negate_) {
                return true;
            }
            if (!Advance(event, position)) {
                return false;
            }
        }
        return false;
    }

private:
    bool Advance(const Event& event, std::vector<size_t>& position) const {
        for (size_t i = 0; i < slots_.size(); ++i) {
            if (position[i] + 1 < ValuesOf(event, slots_[i]).size()) {
                ++position[i];
                return true;
            }
            position[i] = 0;
        }
        return false;
    }

    const BoundExpr& root_;
    bool negate_;  // three-valued not of the result
    std::vector<uint32_t> slots_;
};

// The root of a compiled condition: owns the bound tree that the atoms point into.
class RootCondition final : public Condition {
public:
    RootCondition(BoundPtr tree, std::unique_ptr<Condition> inner)
        : tree_(std::move(tree)), inner_(std::move(inner)) {}
    bool Test(const Event& event) const override { return inner_->Test(event); }

private:
    BoundPtr tree_;
    std::unique_ptr<Condition> inner_;
};

bool AllConstantFrom(const BoundExpr& node, size_t from) {
    for (size_t i = from; i < node.children.size(); ++i) {
        if (!node.children[i]->IsConstant()) {
            return false;
        }
    }
    return true;
}

bool HasFieldSubject(const BoundExpr& node) {
    return !node.children.empty() && node.children[0]->kind == BoundKind::kField;
}

// Turns a folded, bound condition into Condition objects, pushing negations to the atoms.
class ConditionBuilder {
public:
    explicit ConditionBuilder(EventLayout& layout) : layout_(layout) {}

    std::unique_ptr<Condition> Build(BoundExpr& node, bool negate) {
        switch (node.kind) {
            case BoundKind::kConstant: {
                bool value = node.constant.index() == 1 && std::get<bool>(node.constant);
                bool is_null = IsNull(node.constant);
                return std::make_unique<ConstantCondition>(!is_null && value != negate);
            }
            case BoundKind::kNot:
                if (node.children.empty()) {
                    return std::make_unique<ConstantCondition>(false);
                }
                return Build(*node.children[0], !negate);
            case BoundKind::kAnd:
            case BoundKind::kOr: {
                std::vector<std::unique_ptr<Condition>> parts;
                for (BoundPtr& child : node.children) {
                    parts.push_back(Build(*child, negate));
                }
                bool is_and = (node.kind == BoundKind::kAnd) != negate;
                return std::make_unique<LogicCondition>(is_and, std::move(parts));
            }
            case BoundKind::kField: return BareField(node, negate);
            case BoundKind::kCompare: return Compare(node, negate);
            case BoundKind::kIsNull:
            case BoundKind::kIsNotNull: return NullTest(node, negate);
            default: return Atom(node, negate);
        }
    }

private:
    uint32_t Slot(const BoundExpr& field) { return layout_.AddField(field.path); }

    // A bare field is `field == true`.
    std::unique_ptr<Condition> BareField(const BoundExpr& node, bool negate) {
        auto comparand = std::make_shared<Comparand>(Scalar::Bool(true), node.field_type);
        return std::make_unique<FieldCondition>(
            Slot(node), negate, std::make_unique<CompareTest>(comparand, ast::CompareOp::kEq));
    }

    std::unique_ptr<Condition> Compare(BoundExpr& node, bool negate) {
        if (negate) {
            node.compare_op = NegateCompare(node.compare_op);
        }
        if (!HasFieldSubject(node) || !node.comparand) {
            return Script(node, false);
        }
        bool not_equal = node.compare_op == ast::CompareOp::kNe;
        ast::CompareOp op = not_equal ? ast::CompareOp::kEq : node.compare_op;
        return std::make_unique<FieldCondition>(
            Slot(*node.children[0]), not_equal,
            std::make_unique<CompareTest>(node.comparand, op));
    }

    std::unique_ptr<Condition> NullTest(BoundExpr& node, bool negate) {
        if (negate) {
            node.kind = node.kind == BoundKind::kIsNull ? BoundKind::kIsNotNull : BoundKind::kIsNull;
        }
        if (!HasFieldSubject(node)) {
            return Script(node, false);
        }
        return std::make_unique<NullTestCondition>(Slot(*node.children[0]),
                                                   node.kind == BoundKind::kIsNull);
    }

    std::unique_ptr<Condition> Atom(BoundExpr& node, bool negate) {
        if (!HasFieldSubject(node)) {
            return Script(node, negate);
        }
        uint32_t slot = Slot(*node.children[0]);
        switch (node.kind) {
            case BoundKind::kMatch:
                if (node.matcher) {
                    return std::make_unique<FieldCondition>(
                        slot, negate, std::make_unique<MatchTest>(node.matcher));
                }
                break;
            case BoundKind::kIn:
                if (node.set) {
                    return std::make_unique<FieldCondition>(
                        slot, negate != node.negated, std::make_unique<InTest>(node.set));
                }
                break;
            case BoundKind::kCall:
                if (node.function != nullptr && node.function->pushable &&
                    AllConstantFrom(node, 1)) {
                    return std::make_unique<FieldCondition>(slot, negate,
                                                            std::make_unique<CallTest>(node));
                }
                break;
            default: break;
        }
        return Script(node, negate);
    }

    std::unique_ptr<Condition> Script(BoundExpr& node, bool negate) {
        std::vector<uint32_t> slots;
        std::vector<std::string> paths;
        AssignLocalIndexes(node, paths, slots);
        return std::make_unique<ScriptCondition>(node, negate, std::move(slots));
    }

    void AssignLocalIndexes(BoundExpr& node, std::vector<std::string>& paths,
                            std::vector<uint32_t>& slots) {
        if (node.kind == BoundKind::kField) {
            for (size_t i = 0; i < paths.size(); ++i) {
                if (paths[i] == node.path) {
                    node.local_index = uint32_t(i);
                    return;
                }
            }
            node.local_index = uint32_t(paths.size());
            paths.push_back(node.path);
            slots.push_back(Slot(node));
            return;
        }
        for (BoundPtr& child : node.children) {
            AssignLocalIndexes(*child, paths, slots);
        }
    }

    EventLayout& layout_;
};

bool HasError(const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.severity == Severity::kError) {
            return true;
        }
    }
    return false;
}

}  // namespace

CompiledCondition CompileCondition(const ast::Expr& expr, EventLayout& layout,
                                   const ConditionOptions& options) {
    CompiledCondition compiled;
    BoundPtr tree;
    if (options.bound != nullptr) {
        auto found = options.bound->find(&expr);
        if (found != options.bound->end() && found->second != nullptr) {
            tree = std::move(found->second);
            options.bound->erase(found);
        }
    }
    if (tree == nullptr) {
        BindOptions bind_options;
        bind_options.schema = options.schema;
        tree = BindExpr(expr, bind_options, compiled.diagnostics);
        FoldExpr(tree, compiled.diagnostics);
    }
    if (HasError(compiled.diagnostics)) {
        return compiled;
    }

    if (options.routing_hints) {
        compiled.required_literals = ListRequiredLiterals(*tree);
        compiled.index_term = FindIndexTerm(*tree);
    }
    if (compiled.index_term) {
        compiled.index_term->slot = layout.AddField(compiled.index_term->path);
    }
    ConditionBuilder builder(layout);
    std::unique_ptr<Condition> inner = builder.Build(*tree, false);
    compiled.condition = std::make_unique<RootCondition>(std::move(tree), std::move(inner));
    return compiled;
}

}  // namespace eql::expr
