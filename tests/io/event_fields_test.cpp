// EventFields: slot lookups past the end, compaction and the slots a filter keeps.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/io/event_fields.hpp"

namespace {

using eql::EventFields;
using eql::FieldValues;
using eql::Value;

// The fields as text, one "slot:value,value" entry per slot held, ";" between slots.
std::string Show(const EventFields& fields) {
    std::string text;
    for (size_t slot = 0; slot < fields.size(); ++slot) {
        text += (slot == 0 ? "" : ";") + std::to_string(slot) + ":";
        bool first = true;
        for (const Value& value : fields[slot]) {
            text += (first ? "" : ",") + std::get<std::string>(value);
            first = false;
        }
    }
    return text;
}

EventFields Sample() {
    return EventFields(std::vector<FieldValues>{
        {Value("a0")}, {}, {Value("c0"), Value("c1")}, {Value("d0-long-enough-for-heap")}, {}});
}

TEST_SUITE("event fields") {

TEST_CASE("slots past the end are empty") {
    EventFields fields = Sample();
    CHECK(fields.size() == 5);
    CHECK(fields[4].empty());
    CHECK(fields[1000].empty());
    CHECK(fields.at(4).empty());
    CHECK_THROWS_AS(fields.at(5), std::out_of_range);
    CHECK(Show(fields) == "0:a0;1:;2:c0,c1;3:d0-long-enough-for-heap;4:");
}

TEST_CASE("compact copy keeps every value") {
    EventFields fields = Sample();
    EventFields compact = fields.TakeCompact();
    CHECK(Show(compact) == "0:a0;1:;2:c0,c1;3:d0-long-enough-for-heap;4:");
    CHECK(fields.size() == 0);
}

TEST_CASE("keep only listed slots") {
    struct Row {
        std::vector<uint32_t> kept;
        std::string expected;
    };
    std::vector<Row> rows = {
        {{}, ""},
        {{0}, "0:a0"},
        {{2}, "0:;1:;2:c0,c1"},
        {{0, 3}, "0:a0;1:;2:;3:d0-long-enough-for-heap"},
        {{2, 3}, "0:;1:;2:c0,c1;3:d0-long-enough-for-heap"},
        {{1, 3, 9}, "0:;1:;2:;3:d0-long-enough-for-heap"},
        {{0, 1, 2, 3}, "0:a0;1:;2:c0,c1;3:d0-long-enough-for-heap"},
        {{4}, "0:;1:;2:;3:;4:"},
        {{7, 8}, ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.expected);
        EventFields fields = Sample();
        fields.KeepOnly(row.kept);
        CHECK(Show(fields) == row.expected);
    }
}

}  // TEST_SUITE

}  // namespace
