// Tests for the field path lists that SchemaSet views share between rules, the suggestions
// remembered in them, and the banded edit distance behind "did you mean".
#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/check/field_check.hpp"
#include "engine/check/field_check_internal.hpp"
#include "engine/check/schema_set.hpp"
#include "engine/check/schema_table.hpp"
#include "grammar/parse.hpp"

namespace {

using eql::FieldType;

std::shared_ptr<const eql::FieldTable> CommonFields() {
    auto table = std::make_shared<eql::FieldTable>();
    table->AddField("process.name", FieldType::kKeyword);
    table->AddField("process.parent.name", FieldType::kKeyword);
    table->AddField("file.path", FieldType::kKeyword);
    return table;
}

std::shared_ptr<const eql::FieldTable> WindowsFields() {
    auto table = std::make_shared<eql::FieldTable>();
    table->AddField("winlog.event_data.TargetImage", FieldType::kKeyword);
    return table;
}

// Returns the notes of the unknown-field findings of `query` checked against `schema`.
std::vector<std::string> UnknownFieldNotes(const std::string& query, const eql::Schema& schema) {
    eql::grammar::ParseResult parsed = eql::grammar::ParseQuery(query);
    REQUIRE(parsed.query.has_value());
    std::vector<std::string> notes;
    for (const eql::Diagnostic& finding : eql::CheckFields(*parsed.query, schema)) {
        if (finding.code == "unknown-field") {
            notes.push_back(finding.note);
        }
    }
    return notes;
}

}  // namespace

TEST_SUITE("field path index") {
    TEST_CASE("views of the same schemas share one index") {
        eql::SchemaSet set;
        set.AddForAllIndices(CommonFields());
        set.AddForIndexPattern("logs-windows.*", WindowsFields());

        eql::SchemaView first = set.ViewFor({"logs-windows.sysmon_operational-*"});
        eql::SchemaView second = set.ViewFor({"logs-windows.*"});
        eql::SchemaView other = set.ViewFor({"logs-endpoint.events.*"});
        REQUIRE(first.PathIndex() != nullptr);
        CHECK(first.PathIndex() == second.PathIndex());
        CHECK(first.PathIndex() != other.PathIndex());
        CHECK(first.PathIndex()->paths() ==
              std::vector<std::string>{"file.path", "process.name", "process.parent.name",
                                       "winlog.event_data.TargetImage"});
        CHECK(other.PathIndex()->paths() ==
              std::vector<std::string>{"file.path", "process.name", "process.parent.name"});
    }

    TEST_CASE("a view made without a set has no index") {
        std::shared_ptr<const eql::FieldTable> table = CommonFields();
        eql::SchemaView view({table.get()});
        CHECK(view.PathIndex() == nullptr);
        CHECK(UnknownFieldNotes("process where process.nmae == \"a\"", view) ==
              std::vector<std::string>{"did you mean 'process.name'?"});
    }

    TEST_CASE("remembered suggestions match fresh ones") {
        eql::SchemaSet set;
        set.AddForAllIndices(CommonFields());
        const std::string query =
            "process where process.nmae == \"a\" and file.pth == \"b\" and user.id == \"c\"";
        const std::vector<std::string> expected{"did you mean 'process.name'?",
                                                "did you mean 'file.path'?", ""};

        eql::SchemaView view = set.ViewFor({});
        CHECK(UnknownFieldNotes(query, view) == expected);
        std::optional<std::string> stored;
        REQUIRE(view.PathIndex()->FindSuggestion("file.pth", &stored));
        CHECK(stored == "file.path");
        REQUIRE(view.PathIndex()->FindSuggestion("user.id", &stored));
        CHECK_FALSE(stored.has_value());
        CHECK_FALSE(view.PathIndex()->FindSuggestion("host.name", &stored));

        // The second check reads the stored suggestions and must report the same notes.
        CHECK(UnknownFieldNotes(query, set.ViewFor({})) == expected);
    }

    TEST_CASE("threads share an index safely") {
        eql::SchemaSet set;
        set.AddForAllIndices(CommonFields());
        const std::string query = "process where process.parnt.name == \"a\"";
        std::vector<std::vector<std::string>> notes(4);
        std::vector<std::thread> threads;
        for (size_t i = 0; i < notes.size(); ++i) {
            threads.emplace_back([&, i] { notes[i] = UnknownFieldNotes(query, set.ViewFor({})); });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        for (const std::vector<std::string>& found : notes) {
            CHECK(found == std::vector<std::string>{"did you mean 'process.parent.name'?"});
        }
    }

    TEST_CASE("suggestion distance stays within its band") {
        const std::vector<std::string> candidates{"ab", "abcdefghij", "abcdefghik",
                                                  "xbcdefghij", "zzzzzzzzzz"};
        // Ten characters allow two edits. The three cases need one substitution, a swap plus
        // a substitution, and a deletion plus an insertion at opposite ends.
        CHECK(eql::detail::SuggestField("abcdefghiz", candidates) == "abcdefghij");
        CHECK(eql::detail::SuggestField("bacdefghiz", candidates) == "abcdefghij");
        CHECK(eql::detail::SuggestField("bcdefghijk", candidates) == "abcdefghij");
        // Three edits are too many, and an exact match is no suggestion.
        CHECK_FALSE(eql::detail::SuggestField("abcdefgzzz", candidates).has_value());
        CHECK(eql::detail::SuggestField("zzzzzzzzzz", candidates) == std::nullopt);
        // Short paths allow one edit.
        CHECK(eql::detail::SuggestField("ba", candidates) == "ab");
        CHECK_FALSE(eql::detail::SuggestField("ba", {"abc"}).has_value());
    }
}
