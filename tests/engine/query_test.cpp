// Query text to matches: sequences, missing stages, until, runs, samples and pipes, run through
// Compile, the event reader and Runner.
#include <doctest/doctest.h>

#include "tests/engine/engine_fixture.hpp"

using namespace engine_test;

TEST_SUITE("engine query") {

TEST_CASE("event query over array categories") {
    Outcome outcome = RunQuery("process where true",
                               R"({"id":1,"@timestamp":2,"event":{"category":["process","start"]}}
{"id":2,"@timestamp":1,"event":{"category":"file"}}
{"id":3,"@timestamp":1,"event":{"category":"process"}}
)");
    CHECK(outcome.diagnostics.empty());
    CHECK(outcome.ids == IdList{3, 1});
}

TEST_CASE("sequence joins by key and orders by completion") {
    Outcome outcome = RunQuery("sequence by user [process where true] [file where true]",
                               R"({"id":1,"@timestamp":1,"event":{"category":"process"},"user":"x"}
{"id":2,"@timestamp":2,"event":{"category":"process"},"user":"y"}
{"id":3,"@timestamp":3,"event":{"category":"file"},"user":"y"}
{"id":4,"@timestamp":4,"event":{"category":"file"},"user":"x"}
{"id":5,"@timestamp":5,"event":{"category":"file"}}
)");
    CHECK(outcome.ids == IdList{2, 3, 1, 4});
    CHECK(outcome.join_keys == std::vector<std::string>{"y", "x"});
}

TEST_CASE("multi-valued keys from JSON arrays") {
    Outcome outcome = RunQuery("sequence by tags [process where true] [file where true]", R"(
{"id":1,"@timestamp":1,"event":{"category":"process"},"tags":["a","b"]}
{"id":2,"@timestamp":2,"event":{"category":"file"},"tags":["b","a", null]}
)");
    CHECK(outcome.ids == IdList{1, 2, 1, 2});
    CHECK(outcome.join_keys == std::vector<std::string>{"a", "b"});
}

TEST_CASE("optional key joins missing values") {
    Outcome outcome = RunQuery("sequence by ?user [process where true] [file where true]",
                               R"({"id":1,"@timestamp":1,"event":{"category":"process"}}
{"id":2,"@timestamp":2,"event":{"category":"file"},"user":null}
)");
    CHECK(outcome.ids == IdList{1, 2});
    CHECK(outcome.join_keys == std::vector<std::string>{"null"});
}

TEST_CASE("maxspan bound is inclusive") {
    std::string events = R"({"id":1,"@timestamp":1000,"event":{"category":"process"}}
{"id":2,"@timestamp":3000,"event":{"category":"file"}}
)";
    CHECK(RunQuery("sequence with maxspan=2s [process where true] [file where true]", events).ids ==
          IdList{1, 2});
    CHECK(RunQuery("sequence with maxspan=1999ms [process where true] [file where true]", events)
              .ids.empty());
}

TEST_CASE("until cancels a pending sequence") {
    Outcome outcome = RunQuery(
        "sequence by pid [process where true] [file where true] until [process where "
        "event.type == \"end\"]",
        R"({"id":1,"@timestamp":1,"event":{"category":"process"},"pid":1}
{"id":2,"@timestamp":2,"event":{"category":"process","type":"end"},"pid":1}
{"id":3,"@timestamp":3,"event":{"category":"file"},"pid":1}
{"id":4,"@timestamp":4,"event":{"category":"process"},"pid":2}
{"id":5,"@timestamp":5,"event":{"category":"file"},"pid":2}
)");
    CHECK(outcome.ids == IdList{4, 5});
}

TEST_CASE("runs repeat a stage") {
    Outcome outcome = RunQuery("sequence [process where true] with runs=3 [file where true]",
                               R"({"id":1,"@timestamp":1,"event":{"category":"process"}}
{"id":2,"@timestamp":2,"event":{"category":"process"}}
{"id":3,"@timestamp":3,"event":{"category":"file"}}
{"id":4,"@timestamp":4,"event":{"category":"process"}}
{"id":5,"@timestamp":5,"event":{"category":"file"}}
)");
    CHECK(outcome.ids == IdList{1, 2, 4, 5});
}

TEST_CASE("missing stages on both sides follow maxspan") {
    // m ten minutes before n and ten minutes (plus 1ms) after it.
    std::string events = R"(
{"id":1,"@timestamp":"2024-05-04T12:00:00.000Z","event":{"category":"t"},"tag":"m"}
{"id":2,"@timestamp":"2024-05-04T12:10:00.000Z","event":{"category":"t"},"tag":"n"}
{"id":3,"@timestamp":"2024-05-04T12:20:00.001Z","event":{"category":"t"},"tag":"m"}
)";
    auto query = [](const char* maxspan) {
        return std::string("sequence with maxspan=") + maxspan +
               " ![t where tag == \"m\"] [t where tag == \"n\"] ![t where tag == \"m\"]";
    };
    CHECK(RunQuery(query("19m"), events).ids == IdList{-1, 2, -1});
    CHECK(RunQuery(query("21m"), events).ids.empty());
}

TEST_CASE("missing stage between positives vetoes") {
    std::string events = R"({"id":1,"@timestamp":1,"event":{"category":"t"},"tag":"n"}
{"id":2,"@timestamp":2,"event":{"category":"t"},"tag":"n"}
{"id":3,"@timestamp":3,"event":{"category":"t"},"tag":"m"}
{"id":4,"@timestamp":4,"event":{"category":"t"},"tag":"n"}
)";
    Outcome outcome = RunQuery(
        "sequence with maxspan=1s [t where tag == \"n\"] ![t where tag == \"m\"] "
        "[t where tag == \"n\"]",
        events);
    CHECK(outcome.ids == IdList{1, -1, 2});
}

TEST_CASE("tiebreaker orders equal timestamps") {
    std::string events = R"({"id":1,"@timestamp":5,"seq":2,"event":{"category":"process"}}
{"id":2,"@timestamp":5,"seq":1,"event":{"category":"file"}}
)";
    std::string query = "sequence [file where true] [process where true]";
    eql::CompileOptions with_tiebreaker;
    with_tiebreaker.tiebreaker_field = "seq";
    CHECK(RunQuery(query, events, {}, with_tiebreaker).ids == IdList{2, 1});
    CHECK(RunQuery(query, events).ids.empty());
}

TEST_CASE("fallback timestamp orders events lacking the first") {
    std::string events = R"({"id":1,"event":{"category":"file","ingested":9},"@timestamp":1}
{"id":2,"@timestamp":5,"event":{"category":"process"}}
)";
    eql::CompileOptions options;
    options.timestamp_field = "event.ingested";
    options.fallback_timestamp_field = "@timestamp";
    Outcome outcome = RunQuery("sequence [process where true] [file where true]", events, {},
                               options);
    CHECK(outcome.ids == IdList{2, 1});
}

TEST_CASE("pipes chain from query text") {
    std::string events;
    for (int id = 1; id <= 6; ++id) {
        events += "{\"id\": " + std::to_string(id) + ", \"@timestamp\": " + std::to_string(id) +
                  ", \"event\": {\"category\": \"process\"}}\n";
    }
    CHECK(RunQuery("process where true | tail 4 | head 2", events).ids == IdList{3, 4});
    CHECK(RunQuery("process where true | head 4 | tail 1", events).ids == IdList{4});

    eql::RunOptions size_two;
    size_two.size = 2;
    CHECK(RunQuery("process where true", events, size_two).ids == IdList{5, 6});
    CHECK(RunQuery("process where true | head 50", events, size_two).ids == IdList{1, 2});
}

TEST_CASE("sample picks tuples in order") {
    std::string events = R"({"id":1,"host":"b","event":{"category":"success"}}
{"id":2,"host":"a","event":{"category":"success"}}
{"id":3,"host":"b","event":{"category":"failure"}}
{"id":4,"host":"a","event":{"category":"failure"}}
{"id":5,"event":{"category":"failure"}}
{"id":6,"event":{"category":"success"}}
)";
    Outcome required = RunQuery("sample by host [success where true] [failure where true]",
                                events, {}, {}, false);
    CHECK(required.ids == IdList{2, 4, 1, 3});
    CHECK(required.join_keys == std::vector<std::string>{"a", "b"});

    Outcome optional = RunQuery("sample by ?host [success where true] [failure where true]",
                                events, {}, {}, false);
    CHECK(optional.ids == IdList{6, 5, 2, 4, 1, 3});

    eql::RunOptions size_one;
    size_one.size = 1;
    CHECK(RunQuery("sample by host [success where true] [failure where true]", events, size_one, {},
                   false)
              .ids == IdList{2, 4});
}

}  // TEST_SUITE
