// eqlite-conformance: runs the Elasticsearch EQL QA suite (TOML specs and data sets in the
// folder given on the command line) through the public API and prints one line per failure,
// a count line per file and "N passed, N failed, N skipped". Exits 0 only when none failed.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tests/conformance/dataset.hpp"
#include "tests/conformance/isolate.hpp"
#include "tests/conformance/run.hpp"
#include "tests/conformance/suite.hpp"

namespace eql::conformance {
namespace {

struct Arguments {
    std::filesystem::path suite_dir;
    std::string filter;     // run only specs whose name contains this
    bool verbose = false;   // print passes too
    bool fork = true;       // run each spec in a child process
};

// A spec runs over at most about a hundred events, so this only catches a hung engine.
constexpr std::chrono::seconds kSpecTimeout{30};

constexpr const char* kUsage =
    "usage: eqlite-conformance [--filter SUBSTRING] [--verbose] [--no-fork] SUITE_DIR\n"
    "  SUITE_DIR         folder with the QA suite's *.toml files and data/ folder\n"
    "  --filter TEXT     run only the specs whose name contains TEXT\n"
    "  --verbose         print a line for each passed spec too\n"
    "  --no-fork         run specs in this process (for a debugger); by default each spec\n"
    "                    runs in a child process, so a crash or a hang fails that spec alone\n";

bool ParseArguments(int argc, char** argv, Arguments& arguments) {
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--verbose") {
            arguments.verbose = true;
        } else if (argument == "--no-fork") {
            arguments.fork = false;
        } else if (argument == "--filter" && i + 1 < argc) {
            arguments.filter = argv[++i];
        } else if (argument.starts_with("--filter=")) {
            arguments.filter = argument.substr(9);
        } else if (!argument.starts_with("--") && arguments.suite_dir.empty()) {
            arguments.suite_dir = argument;
        } else {
            fmt::print(stderr, "eqlite-conformance: invalid argument '{}'\n{}", argument, kUsage);
            return false;
        }
    }
    if (arguments.suite_dir.empty()) {
        fmt::print(stderr, "eqlite-conformance: missing SUITE_DIR\n{}", kUsage);
        return false;
    }
    return true;
}

struct Tally {
    int passed = 0;
    int failed = 0;
    int skipped = 0;

    void Add(const Tally& other) {
        passed += other.passed;
        failed += other.failed;
        skipped += other.skipped;
    }
};

// Builds each data set once and prints its event counts, as read back by the event reader.
std::map<std::string, Dataset> BuildDatasets(const std::filesystem::path& suite_dir) {
    std::map<std::string, Dataset> datasets;
    for (const DatasetDefinition& definition : CurrentDatasets()) {
        Dataset dataset = BuildDataset(definition, suite_dir);
        for (const std::string& error : dataset.errors) {
            fmt::print("data set {}: error: {}\n", definition.name, error);
        }

        EventLayout layout;
        layout.AddClock(ClockSpec{"@timestamp", "", ""});
        EventList read = ReadDataset(dataset, layout);
        std::vector<std::string> parts;
        for (const IndexData& index : dataset.indices) {
            parts.push_back(fmt::format("{} {}", index.name, index.event_count));
        }
        fmt::print("data set {}: {} events read ({})\n", definition.name, read.events.size(),
                   fmt::join(parts, ", "));
        for (const std::string& skipped : read.skipped) {
            fmt::print("data set {}: skipped {}\n", definition.name, skipped);
        }
        datasets.emplace(definition.name, std::move(dataset));
    }
    return datasets;
}

void PrintResult(const Spec& spec, const std::string& dataset, const SpecResult& result,
                 bool verbose) {
    static constexpr const char* kLabels[] = {"PASS", "FAIL", "SKIP"};
    if (result.outcome == Outcome::kPassed && !verbose) {
        return;
    }
    fmt::print("{} {}:{} {} [{}]: {} | {}\n", kLabels[static_cast<int>(result.outcome)],
               spec.file, spec.line, spec.name, dataset, OneLine(spec.query), result.detail);
}

// Runs the files of one suite. Names must be unique across them, as in the ES harness.
Tally RunSuite(const SuiteDefinition& suite, const Dataset& dataset, const Arguments& arguments) {
    RunContext context{&dataset, suite.id_field, suite.tiebreaker};
    std::set<std::string> names;
    Tally total;
    for (const std::string& file_name : suite.files) {
        SpecFile file = LoadSpecFile(arguments.suite_dir / file_name);
        Tally tally;
        for (const std::string& error : file.errors) {
            fmt::print("FAIL {} [{}]: cannot load spec: {}\n", file_name, dataset.name, error);
            ++tally.failed;
        }
        for (const Spec& spec : file.specs) {
            if (spec.name.find(arguments.filter) == std::string::npos) {
                continue;
            }
            SpecResult result;
            if (!names.insert(spec.name).second) {
                result = {Outcome::kFailed, "name already used by another spec of this suite"};
            } else if (arguments.fork) {
                result = RunIsolated([&] { return RunSpec(spec, context); }, kSpecTimeout);
            } else {
                result = RunSpec(spec, context);
            }
            PrintResult(spec, dataset.name, result, arguments.verbose);
            int& count = result.outcome == Outcome::kPassed ? tally.passed
                         : result.outcome == Outcome::kFailed ? tally.failed
                                                              : tally.skipped;
            ++count;
        }
        bool any = tally.passed + tally.failed + tally.skipped > 0;
        if (any || arguments.filter.empty()) {
            fmt::print("{} [{}]: {} passed, {} failed, {} skipped\n", file_name, dataset.name,
                       tally.passed, tally.failed, tally.skipped);
        }
        total.Add(tally);
    }
    return total;
}

int Main(int argc, char** argv) {
    Arguments arguments;
    if (!ParseArguments(argc, argv, arguments)) {
        return 2;
    }
    if (!std::filesystem::is_directory(arguments.suite_dir)) {
        fmt::print(stderr, "eqlite-conformance: '{}' is not a folder\n",
                   arguments.suite_dir.string());
        return 2;
    }

    std::map<std::string, Dataset> datasets = BuildDatasets(arguments.suite_dir);
    Tally total;
    for (const SuiteDefinition& suite : CurrentSuites()) {
        total.Add(RunSuite(suite, datasets.at(suite.dataset), arguments));
    }
    fmt::print("{} passed, {} failed, {} skipped\n", total.passed, total.failed, total.skipped);
    std::fflush(stdout);
    return total.failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace eql::conformance

int main(int argc, char** argv) { return eql::conformance::Main(argc, argv); }
