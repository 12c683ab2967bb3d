// Reading rule fixture files (NAME.test.toml). LoadRuleFixture is the entry point; it checks
// the shape of every case and reports the first problem with its position in the file.
#include "engine/io/rule_fixture.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

namespace eql {
namespace {

namespace fs = std::filesystem;

// Returns the byte offset of a toml++ source position (1-based line and column).
uint32_t OffsetOf(std::string_view text, const toml::source_position& position) {
    size_t offset = 0;
    for (uint32_t line = 1; line < position.line && offset < text.size(); ++offset) {
        if (text[offset] == '\n') {
            ++line;
        }
    }
    offset += position.column > 0 ? position.column - 1 : 0;
    return static_cast<uint32_t>(std::min(offset, text.size()));
}

struct FixtureError {
    toml::source_position position;
    std::string message;
};

std::optional<ExpectedEvent> ReadExpectedEvent(const toml::node& node) {
    if (const toml::value<int64_t>* integer = node.as_integer()) {
        int64_t line = integer->get();
        if (line < 0) {
            return std::nullopt;
        }
        ExpectedEvent event;
        event.kind = line == 0 ? ExpectedEvent::Kind::kMissing : ExpectedEvent::Kind::kLine;
        event.line = static_cast<uint64_t>(line);
        return event;
    }
    if (const toml::value<std::string>* id = node.as_string()) {
        ExpectedEvent event;
        event.kind = ExpectedEvent::Kind::kId;
        event.id = id->get();
        return event;
    }
    return std::nullopt;
}

std::optional<FixtureError> ReadExpectations(const toml::array& matches, FixtureCase& out) {
    for (const toml::node& match : matches) {
        const toml::array* events = match.as_array();
        if (events == nullptr || events->empty()) {
            return FixtureError{match.source().begin,
                                "each expected match must be a non-empty list of events"};
        }
        std::vector<ExpectedEvent> expected;
        for (const toml::node& event : *events) {
            std::optional<ExpectedEvent> parsed = ReadExpectedEvent(event);
            if (!parsed) {
                return FixtureError{event.source().begin,
                                    "an expected event is a line number (0 for a missing "
                                    "stage) or an id string"};
            }
            expected.push_back(*parsed);
        }
        out.expected.push_back(std::move(expected));
    }
    return std::nullopt;
}

std::optional<FixtureError> ReadCase(const toml::table& table, const fs::path& directory,
                                     FixtureCase& out) {
    out.line = table.source().begin.line;
    out.name = table["name"].value_or(std::string());
    if (out.name.empty()) {
        return FixtureError{table.source().begin, "a case needs a 'name'"};
    }

    auto inline_events = table["events"].value<std::string>();
    auto events_file = table["events_file"].value<std::string>();
    if (inline_events.has_value() == events_file.has_value()) {
        return FixtureError{table.source().begin,
                            "case '" + out.name + "' needs exactly one of 'events' (inline "
                            "NDJSON) and 'events_file' (a path relative to the fixture)"};
    }
    if (inline_events) {
        out.events_text = *inline_events;
    } else {
        out.events_file = (directory / *events_file).lexically_normal().string();
    }

    const toml::array* expect = table["expect"].as_array();
    if (expect == nullptr) {
        return FixtureError{table.source().begin,
                            "case '" + out.name + "' needs 'expect': a list of matches, or [] "
                            "when the rule must not match"};
    }
    return ReadExpectations(*expect, out);
}

std::optional<FixtureError> ReadFixture(const toml::table& document, RuleFixture& fixture) {
    fixture.id_field = document["id_field"].value_or(std::string());
    const toml::array* cases = document["case"].as_array();
    if (cases == nullptr || cases->empty()) {
        return FixtureError{document.source().begin, "a fixture needs at least one [[case]]"};
    }
    fs::path directory = fs::path(fixture.path).parent_path();
    for (const toml::node& node : *cases) {
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            return FixtureError{node.source().begin, "each [[case]] must be a table"};
        }
        FixtureCase parsed;
        if (auto error = ReadCase(*table, directory, parsed)) {
            return error;
        }
        fixture.cases.push_back(std::move(parsed));
    }
    return std::nullopt;
}

}  // namespace

std::string FixturePathForRule(const std::string& rule_path) {
    fs::path path(rule_path);
    return (path.parent_path() / (path.stem().string() + ".test.toml")).string();
}

RuleFixtureResult LoadRuleFixture(const std::string& path) {
    RuleFixtureResult result;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.error.code = "unreadable-file";
        result.error.message = "cannot read the fixture file";
        return result;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    result.file_text = buffer.str();

    toml::table document;
    try {
        document = toml::parse(result.file_text, path);
    } catch (const toml::parse_error& error) {
        result.error.code = "invalid-fixture";
        result.error.offset = OffsetOf(result.file_text, error.source().begin);
        result.error.message = "invalid TOML: " + std::string(error.description());
        return result;
    }

    RuleFixture fixture;
    fixture.path = path;
    if (auto error = ReadFixture(document, fixture)) {
        result.error.code = "invalid-fixture";
        result.error.offset = OffsetOf(result.file_text, error->position);
        result.error.message = error->message;
        return result;
    }
    result.fixture = std::move(fixture);
    return result;
}

}  // namespace eql
