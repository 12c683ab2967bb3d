// The speed shortcuts of replay against the plain stage tests, at the scale of the public
// detection-rules corpus. Every EQL rule is compiled into one layout as replay compiles it, and
// events come from the NDJSON captures under EQLITE_SHARED_DIR and from a generated file. The
// stage router must pass exactly the stages that MatchesStage passes, and the line prefilter
// that replay would build for one rule must reject no line whose event passes a stage of it.
//
// The generated events are read from the file that EQLITE_GENERATED_EVENTS names (ctest
// writes it with eqlite-generate first). The captures alone pass few stages, so without that
// variable, the rules or the captures, the tests skip with a message.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "eql/engine.hpp"
#include "engine/api/rule_options.hpp"
#include "engine/eval/stage_filter.hpp"
#include "engine/eval/stage_router.hpp"
#include "engine/io/rule_file.hpp"
#include "engine/plan/plan.hpp"

namespace {

namespace fs = std::filesystem;

using eql::eval::StageHits;

const fs::path kSharedDir = EQLITE_SHARED_DIR;
const fs::path kRulesDir = kSharedDir / "rules" / "detection-rules" / "rules";
const fs::path kCapturesDir = kSharedDir / "corpus";
constexpr char kGeneratedEventsVariable[] = "EQLITE_GENERATED_EVENTS";

// Mismatches past this many are counted but not reported one by one.
constexpr uint64_t kMaxReported = 20;

struct CorpusRule {
    std::string id;
    std::string name;
    std::shared_ptr<const eql::Plan> plan;
};

struct Corpus {
    eql::EventLayout layout;
    std::vector<CorpusRule> rules;
    std::vector<std::shared_ptr<const eql::Plan>> plans;  // the rules' plans, in rule order
    std::vector<eql::EventPtr> events;
};

// Compiles every EQL rule under kRulesDir into the corpus layout. As in replay, files of other
// languages, invalid files and rules with errors are left out.
void CompileRules(Corpus& corpus) {
    std::vector<std::string> missing;
    for (const std::string& path : eql::FindRuleFiles({kRulesDir.string()}, &missing)) {
        eql::RuleFileResult file = eql::LoadRuleFile(path);
        if (file.status != eql::RuleFileStatus::kLoaded) {
            continue;
        }
        const eql::RuleFile& rule = *file.rule;
        eql::CompileResult compiled =
            eql::Compile(rule.query, corpus.layout, eql::OptionsForRule(rule, {}));
        if (compiled.plan == nullptr) {
            continue;
        }
        corpus.rules.push_back(CorpusRule{rule.rule_id, rule.name, compiled.plan});
        corpus.plans.push_back(compiled.plan);
    }
}

// The `.ndjson` files under kCapturesDir, sorted, then the generated file.
std::vector<std::string> EventFiles() {
    std::vector<std::string> files;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kCapturesDir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".ndjson") {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    files.push_back(std::getenv(kGeneratedEventsVariable));
    return files;
}

// Reads every event file with the corpus layout. Lines without a timestamp are kept too,
// since routing does not depend on time. Each event keeps its line as Event::source, which
// for NDJSON is also the text that the reader's prefilter tests.
void ReadEvents(Corpus& corpus) {
    eql::ReadOptions options;
    options.require_timestamp = false;
    eql::EventReader reader(corpus.layout, options);
    for (const std::string& path : EventFiles()) {
        std::string error;
        bool read = reader.ReadFile(
            path, [&corpus](eql::EventPtr event) { corpus.events.push_back(std::move(event)); },
            {}, &error);
        INFO("event file: " << path);
        REQUIRE_MESSAGE(read, error);
    }
}

// The corpus, compiled and read once for all test cases.
const Corpus& LoadCorpus() {
    static const std::unique_ptr<Corpus> corpus = [] {
        auto loaded = std::make_unique<Corpus>();
        CompileRules(*loaded);
        ReadEvents(*loaded);
        return loaded;
    }();
    return *corpus;
}

// True when the rules, the captures and the generated events are all at hand. Otherwise
// prints which input is missing, as the message of the skipped test.
bool InputsPresent() {
    if (!fs::is_directory(kRulesDir)) {
        MESSAGE("skipped: the detection-rules corpus is absent at " << kRulesDir.string());
        return false;
    }
    if (!fs::is_directory(kCapturesDir)) {
        MESSAGE("skipped: the captured event corpus is absent at " << kCapturesDir.string());
        return false;
    }
    if (std::getenv(kGeneratedEventsVariable) == nullptr) {
        MESSAGE("skipped: " << kGeneratedEventsVariable << " is not set; ctest sets it to a "
                "file that eqlite-generate writes");
        return false;
    }
    return true;
}

// The stage at `index` as StageHits numbers them: the plan's stages, then the until stage.
const eql::plan::StageNode& StageAt(const eql::Plan& plan, uint32_t index) {
    return index < plan.stages.size() ? plan.stages[index] : *plan.until;
}

uint32_t StageSlots(const eql::Plan& plan) {
    return eql::eval::UntilStageIndex(plan) + (plan.until ? 1 : 0);
}

std::string EventPlace(const eql::Event& event) {
    return (event.file ? *event.file : std::string("?")) + ":" + std::to_string(event.line);
}

// Reports one stage on which a shortcut (`shortcut` names it) and MatchesStage disagree.
void ReportMismatch(const CorpusRule& rule, uint32_t index, const eql::Event& event,
                    const std::string& shortcut, bool shortcut_passes, bool stage_matches) {
    const eql::Plan& plan = *rule.plan;
    std::string until = index == eql::eval::UntilStageIndex(plan) ? " (until)" : "";
    INFO("rule: " << rule.id << " (" << rule.name << ")");
    INFO("stage " << index << until << ": " << StageAt(plan, index).condition_text);
    INFO("event: " << EventPlace(event) << ": " << event.source);
    INFO(shortcut << ": " << shortcut_passes << ", MatchesStage: " << stage_matches);
    CHECK(shortcut_passes == stage_matches);
}

struct RouteCounts {
    uint64_t passes = 0;      // stage passes that MatchesStage found, all plans and events
    uint64_t mismatches = 0;  // stages where the router and MatchesStage disagree
};

// Compares, for one plan and one event, the router's outcome with MatchesStage on every stage.
void CompareStages(const CorpusRule& rule, const StageHits& hits, const eql::Event& event,
                   RouteCounts& counts) {
    const eql::Plan& plan = *rule.plan;
    for (uint32_t index = 0; index < StageSlots(plan); ++index) {
        const eql::plan::StageNode& stage = StageAt(plan, index);
        bool matches = eql::eval::MatchesStage(stage, event);
        bool routed = eql::eval::PassedStage(hits, index, stage, event);
        counts.passes += matches ? 1 : 0;
        if (routed == matches) {
            continue;
        }
        if (++counts.mismatches <= kMaxReported) {
            ReportMismatch(rule, index, event, "router (PassedStage)", routed, matches);
        }
    }
}

// Routes every event through one router for all plans, with the literal gates on as in replay,
// and compares each plan's stages.
RouteCounts RouteEvents(const Corpus& corpus) {
    RouteCounts counts;
    eql::eval::StageRouter router(corpus.plans, true);
    std::vector<StageHits> hits;
    for (const eql::EventPtr& event : corpus.events) {
        router.Route(*event, hits, nullptr);

        // `hits` lists only the plans with a stage passed, in plan order.
        auto next = hits.begin();
        for (uint32_t plan = 0; plan < corpus.rules.size(); ++plan) {
            StageHits plan_hits{plan, 0};
            if (next != hits.end() && next->plan == plan) {
                plan_hits = *next++;
            }
            CompareStages(corpus.rules[plan], plan_hits, *event, counts);
        }
    }
    return counts;
}

struct PrefilterCounts {
    uint64_t active_rules = 0;  // rules whose prefilter can reject a line
    uint64_t rejected = 0;      // lines rejected, summed over those rules
    uint64_t mismatches = 0;    // stages passed by an event whose line was rejected
};

// Runs the prefilter that replay would build for this rule alone over every event's line, and
// checks that no stage of the rule passes an event whose line it rejects.
void PrefilterRule(const CorpusRule& rule, const Corpus& corpus, PrefilterCounts& counts) {
    eql::LinePrefilter prefilter;
    eql::AddRequiredLiterals(*rule.plan, prefilter);
    if (!prefilter.active()) {
        return;
    }
    ++counts.active_rules;

    for (const eql::EventPtr& event : corpus.events) {
        if (prefilter.MayPass(event->source)) {
            continue;
        }
        ++counts.rejected;
        for (uint32_t index = 0; index < StageSlots(*rule.plan); ++index) {
            if (!eql::eval::MatchesStage(StageAt(*rule.plan, index), *event)) {
                continue;
            }
            if (++counts.mismatches <= kMaxReported) {
                ReportMismatch(rule, index, *event, "prefilter (MayPass)", false, true);
            }
        }
    }
}

}  // namespace

TEST_SUITE("routing corpus") {

TEST_CASE("router matches stage tests") {
    if (!InputsPresent()) {
        return;
    }
    const Corpus& corpus = LoadCorpus();
    CHECK(corpus.rules.size() >= 900);
    CHECK(corpus.events.size() >= 20000);

    // Without the event text, the router's literal gates would not be exercised.
    auto without_source = std::count_if(corpus.events.begin(), corpus.events.end(),
                                        [](const eql::EventPtr& event) {
                                            return event->source.empty();
                                        });
    CHECK(without_source == 0);

    RouteCounts counts = RouteEvents(corpus);
    CHECK(counts.mismatches == 0);
    CHECK(counts.passes >= 10000);
}

TEST_CASE("prefilter rejects no passing line") {
    if (!InputsPresent()) {
        return;
    }
    const Corpus& corpus = LoadCorpus();
    PrefilterCounts counts;
    for (const CorpusRule& rule : corpus.rules) {
        PrefilterRule(rule, corpus, counts);
    }
    CHECK(counts.mismatches == 0);
    CHECK(counts.active_rules >= 100);
    CHECK(counts.rejected >= 1000000);
}

}  // TEST_SUITE
