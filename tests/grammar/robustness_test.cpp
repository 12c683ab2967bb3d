// Robustness tests: truncated and mutated queries never crash the parser, and every outcome is
// either a tree or one diagnostic that points inside the text.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "grammar/parse.hpp"

namespace eql::grammar {
namespace {

const char* const kSeeds[] = {
    R"(process where process.name : ("cmd.exe", "pwsh*") and not process.args in~ ("/c", "-e"))",
    R"(sequence by host.id, ?user.id with maxspan=2m
  [process where length(process.args) > 3 and startsWith~(process.name, "a")] by process.pid
 ![file where file.path like """C:\Windows\*"""] by process.pid with runs=2
until [process where event.type == "end"] by process.pid
| head 5)",
    R"(sample by host [any where x /* c /* d */ */ == -1.5e3] by a [any where `y z`.w != null] by b)",
    R"(join by a [x where y == 'q'] [z where ?"raw" == "\u{41}\t"] until [w where child of [v where true]])",
    R"(any where a[0] == 1 or b = 2 or c !: "d" or (e < f < g) | cont 1, 2 | tail -1)",
};

// Parses `text` and checks the invariants every outcome must meet.
void CheckOutcome(const std::string& text) {
    const ParseResult result = ParseQuery(text);
    CHECK(result.query.has_value() != result.error.has_value());
    if (result.error) {
        CHECK(result.error->offset <= text.size());
        CHECK(result.error->length >= 1);
        CHECK_FALSE(result.error->message.empty());
        CHECK_FALSE(result.error->code.empty());
    }
}

TEST_SUITE("grammar robustness") {
    TEST_CASE("query prefixes fail cleanly") {
        for (const char* seed : kSeeds) {
            const std::string text = seed;
            for (size_t length = 0; length <= text.size(); ++length) {
                CAPTURE(text.substr(0, length));
                CheckOutcome(text.substr(0, length));
            }
        }
    }

    TEST_CASE("random mutations fail cleanly") {
        std::mt19937 random(20240611);
        const std::string alphabet = "()[]{}\"'`?!=<>:~|,.-+*/%\\ \t\nab09_@\x80\xff";
        for (const char* seed : kSeeds) {
            for (int round = 0; round < 400; ++round) {
                std::string text = seed;
                const int edits = 1 + static_cast<int>(random() % 4);
                for (int edit = 0; edit < edits && !text.empty(); ++edit) {
                    const size_t at = random() % text.size();
                    const char replacement = alphabet[random() % alphabet.size()];
                    if (random() % 2 == 0) {
                        text[at] = replacement;
                    } else {
                        text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), replacement);
                    }
                }
                CAPTURE(text);
                CheckOutcome(text);
            }
        }
    }

    TEST_CASE("embedded NUL bytes fail cleanly") {
        const std::string text("any where x == \"a\0b\" and \0", 26);
        CheckOutcome(text);
        CHECK_FALSE(ParseQuery(text).query.has_value());
    }
}

}  // namespace
}  // namespace eql::grammar
