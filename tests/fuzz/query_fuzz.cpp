// libFuzzer target for the query side: eql::Compile (parse, verify, plan) on arbitrary bytes,
// then Explain, FormatDiagnostic on every finding, and a run of the plan over a few fixed
// events, so that matchers, functions and the sequence and sample evaluators see the
// compiled conditions too. Entry point LLVMFuzzerTestOneInput.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eql/diagnostic.hpp"
#include "eql/engine.hpp"
#include "engine/io/event_reader.hpp"

namespace {

// Queries longer than this only slow the fuzzer down; the limits tests feed larger ones.
constexpr size_t kMaxQueryBytes = 64 * 1024;

// Events of several categories and shapes, two per host and user, in time order, so that
// sequences, samples and until clauses have something to join on.
constexpr std::string_view kEvents =
    R"({"@timestamp":"2024-01-01T00:00:00Z","event":{"category":"process","type":"start"},)"
    R"("host":{"id":"h1"},"user":{"name":"Admin"},"process":{"name":"cmd.exe","pid":4,)"
    R"("args":["/c","whoami"],"command_line":"cmd.exe /c whoami","entity_id":"p1"},"id":1})"
    "\n"
    R"({"@timestamp":"2024-01-01T00:00:01Z","event":{"category":"network","type":"connection"},)"
    R"("host":{"id":"h1"},"user":{"name":"admin"},"source":{"ip":"10.1.2.3","port":5123},)"
    R"("destination":{"ip":"fe80::1","port":1080},"process":{"entity_id":"p1"},"id":2})"
    "\n"
    R"({"@timestamp":"2024-01-01T00:00:02.5Z","event":{"category":"file","type":"creation"},)"
    R"("host":{"id":"h2"},"user":{"name":null},"file":{"path":"C:\\Windows\\x.dll",)"
    R"("size":1.5e3,"name":"x.dll"},"process":{"entity_id":"p2"},"id":3})"
    "\n"
    R"({"@timestamp":1704067203000,"event":{"category":"process","type":"end"},)"
    R"("host":{"id":"h2"},"process":{"name":"ssh","pid":-7,"entity_id":"p2"},"id":4})"
    "\n"
    R"({"@timestamp":"2024-01-01T00:00:04Z","event":{"category":["network","file"]},)"
    R"("host":{"id":"h1"},"user":{"name":"Admin"},"process":{"name":"CMD.EXE","pid":4,)"
    R"("entity_id":"p1"},"dns":{"question":{"name":"a.example.com"}},"id":5})"
    "\n";

void RunPlan(const std::shared_ptr<const eql::Plan>& plan, const eql::EventLayout& layout) {
    eql::RunOptions run_options;
    run_options.size = 20;
    run_options.max_samples_per_key = 2;
    uint64_t matches = 0;
    eql::Runner runner({plan}, run_options, [&matches](const eql::Match&) { ++matches; });

    eql::ReadOptions read_options;
    read_options.require_timestamp = false;
    eql::EventReader reader(layout, read_options);
    reader.ReadText("fuzz.ndjson", kEvents, [&runner](eql::EventPtr event) {
        runner.Push(std::move(event));
    }, {});
    runner.Finish();

    if (matches > *run_options.size) {
        std::fprintf(stderr, "%llu matches, over the size of %llu\n",
                     static_cast<unsigned long long>(matches),
                     static_cast<unsigned long long>(*run_options.size));
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > kMaxQueryBytes) {
        return -1;
    }
    std::string_view text(reinterpret_cast<const char*>(data), size);

    eql::EventLayout layout;
    eql::CompileOptions options;
    options.tiebreaker_field = "id";
    eql::CompileResult result = eql::Compile(text, layout, options);

    // Every finding must point inside the text (or just past it) and format without failing.
    eql::SourceOrigin origin{"fuzz.eql", 1, 1};
    for (const eql::Diagnostic& diagnostic : result.diagnostics) {
        if (diagnostic.offset > size || diagnostic.message.empty()) {
            std::fprintf(stderr, "diagnostic at offset %u of %zu bytes: '%s'\n",
                         diagnostic.offset, size, diagnostic.message.c_str());
            std::abort();
        }
        std::string formatted = eql::FormatDiagnostic(text, diagnostic, origin);
        if (formatted.empty()) {
            std::abort();
        }
    }

    bool has_error = false;
    for (const eql::Diagnostic& diagnostic : result.diagnostics) {
        has_error = has_error || diagnostic.severity == eql::Severity::kError;
    }
    if (has_error == (result.plan != nullptr)) {
        std::fprintf(stderr, "a plan must come exactly when there is no error\n");
        std::abort();
    }
    if (result.plan == nullptr) {
        return 0;
    }

    std::string explained = eql::Explain(*result.plan);
    if (explained.empty()) {
        std::abort();
    }
    RunPlan(result.plan, layout);
    return 0;
}
