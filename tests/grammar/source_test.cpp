// Source position tests: LocateOffset counts lines and code-point columns and applies the
// query's origin in its file; FormatDiagnostic renders the header, the echoed line, the caret
// and the note exactly.
#include <doctest/doctest.h>

#include <string>

#include "eql/diagnostic.hpp"

namespace eql {
namespace {

Diagnostic MakeDiagnostic(uint32_t offset, uint32_t length, std::string message,
                          std::string note = "") {
    Diagnostic diagnostic;
    diagnostic.code = "test";
    diagnostic.offset = offset;
    diagnostic.length = length;
    diagnostic.message = std::move(message);
    diagnostic.note = std::move(note);
    return diagnostic;
}

TEST_SUITE("grammar source") {
    TEST_CASE("formats the reference example exactly") {
        const std::string text = "process where lenght(name) > 3";
        const Diagnostic diagnostic =
            MakeDiagnostic(14, 6, "unknown function 'lenght'", "did you mean 'length'?");
        CHECK(FormatDiagnostic(text, diagnostic, SourceOrigin{"rules/demo.eql", 1, 1}) ==
              "rules/demo.eql:1:15: error: unknown function 'lenght'\n"
              "    1 | process where lenght(name) > 3\n"
              "      |               ^~~~~~\n"
              "note: did you mean 'length'?\n");
    }

    TEST_CASE("warning without note") {
        Diagnostic diagnostic = MakeDiagnostic(0, 3, "field 'abc' is not in the schema");
        diagnostic.severity = Severity::kWarning;
        CHECK(FormatDiagnostic("abc", diagnostic, SourceOrigin{"a.eql", 1, 1}) ==
              "a.eql:1:1: warning: field 'abc' is not in the schema\n"
              "    1 | abc\n"
              "      | ^~~\n");
    }

    TEST_CASE("empty path omits the file name") {
        CHECK(FormatDiagnostic("abc", MakeDiagnostic(1, 1, "bad"), SourceOrigin{}) ==
              "1:2: error: bad\n"
              "    1 | abc\n"
              "      |  ^\n");
    }

    TEST_CASE("origin shifts lines and columns") {
        const std::string text = "any where\n  x == 1";
        const SourceOrigin origin{"rule.toml", 10, 5};
        const LineColumn first = LocateOffset(text, 4, origin);
        CHECK(first.line == 10);
        CHECK(first.column == 9);
        const LineColumn second = LocateOffset(text, 12, origin);
        CHECK(second.line == 11);
        CHECK(second.column == 3);
    }

    TEST_CASE("the gutter grows with the line number") {
        std::string text;
        for (int i = 0; i < 9; ++i) {
            text += "\n";
        }
        text += "any where x";
        CHECK(FormatDiagnostic(text, MakeDiagnostic(19, 1, "bad"), SourceOrigin{"f", 91, 1}) ==
              "f:100:11: error: bad\n"
              "    100 | any where x\n"
              "        |           ^\n");
    }

    TEST_CASE("columns count code points") {
        const std::string text = "any where x == \"\xC3\xA9\xC3\xA9\" and";
        const LineColumn position = LocateOffset(text, 20, SourceOrigin{});
        CHECK(position.column == 19);
        CHECK(FormatDiagnostic(text, MakeDiagnostic(15, 6, "span"), SourceOrigin{"f", 1, 1}) ==
              "f:1:16: error: span\n"
              "    1 | any where x == \"\xC3\xA9\xC3\xA9\" and\n"
              "      |                ^~~~\n");
    }

    TEST_CASE("tabs show as one space") {
        const std::string text = "any\twhere\tx";
        CHECK(FormatDiagnostic(text, MakeDiagnostic(10, 1, "bad"), SourceOrigin{"f", 1, 1}) ==
              "f:1:11: error: bad\n"
              "    1 | any where x\n"
              "      |           ^\n");
    }

    TEST_CASE("span stops at the line end") {
        const std::string text = "sequence\n  [a where true]";
        CHECK(FormatDiagnostic(text, MakeDiagnostic(0, 25, "too few"), SourceOrigin{"f", 1, 1}) ==
              "f:1:1: error: too few\n"
              "    1 | sequence\n"
              "      | ^~~~~~~~\n");
    }

    TEST_CASE("offset at end of text") {
        CHECK(FormatDiagnostic("any where", MakeDiagnostic(9, 1, "end"), SourceOrigin{"f", 1, 1}) ==
              "f:1:10: error: end\n"
              "    1 | any where\n"
              "      |          ^\n");
    }

    TEST_CASE("CRLF stays out of the echo") {
        const std::string text = "any where\r\n  x ==\r\n";
        CHECK(FormatDiagnostic(text, MakeDiagnostic(15, 1, "end"), SourceOrigin{"f", 1, 1}) ==
              "f:2:5: error: end\n"
              "    2 |   x ==\n"
              "      |     ^\n");
    }

    TEST_CASE("zero length underlines one character") {
        CHECK(FormatDiagnostic("abc", MakeDiagnostic(2, 0, "bad"), SourceOrigin{"f", 1, 1}) ==
              "f:1:3: error: bad\n"
              "    1 | abc\n"
              "      |   ^\n");
    }

    TEST_CASE("offset past the end is clamped") {
        const LineColumn position = LocateOffset("ab\ncd", 99, SourceOrigin{});
        CHECK(position.line == 2);
        CHECK(position.column == 3);
    }
}

}  // namespace
}  // namespace eql
