// The indexed values of QA documents: null_value substitution, dates read with their mapping's
// format, and dates printed as Elasticsearch prints a sequence's join keys.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/conformance/doc_values.hpp"

using eql::conformance::DateFieldFormats;
using eql::conformance::FormatDateWithFormat;
using eql::conformance::IndexDocumentValues;
using eql::conformance::ParseDateWithFormat;
using nlohmann::ordered_json;

TEST_SUITE("conformance indexed values") {

TEST_CASE("custom date patterns read into epoch milliseconds") {
    CHECK(ParseDateWithFormat("17-12-2022", "dd-MM-yyyy") == 1671235200000);
    CHECK(ParseDateWithFormat("2022-12-17", "yyyy-MM-dd") == 1671235200000);
    CHECK(ParseDateWithFormat("2022-12-17 01:02:03.004", "yyyy-MM-dd HH:mm:ss.SSS") ==
          1671238923004);
    CHECK(ParseDateWithFormat("2022-12-17T01", "yyyy-MM-dd'T'HH") == 1671238800000);
    CHECK(!ParseDateWithFormat("2022-12-17", "dd-MM-yyyy"));
    CHECK(!ParseDateWithFormat("17-13-2022", "dd-MM-yyyy"));
    CHECK(!ParseDateWithFormat("17-12-2022x", "dd-MM-yyyy"));
}

TEST_CASE("the default format takes ISO dates and epoch milliseconds") {
    CHECK(ParseDateWithFormat("1671235200000", "") == 1671235200000);
    CHECK(ParseDateWithFormat("2022-12-17", "") == 1671235200000);
    CHECK(ParseDateWithFormat("1970-01-02T00:00:00.000Z", "") == 86400000);
    CHECK(ParseDateWithFormat("17-12-2022", "dd-MM-yyyy||epoch_millis") == 1671235200000);
    CHECK(ParseDateWithFormat("5", "dd-MM-yyyy||epoch_millis") == 5);
    CHECK(!ParseDateWithFormat("yesterday", ""));
}

TEST_CASE("dates print with the first alternative of the format") {
    CHECK(FormatDateWithFormat(0, "") == "1970-01-01T00:00:00.000Z");
    CHECK(FormatDateWithFormat(86400000, "strict_date_optional_time||epoch_millis") ==
          "1970-01-02T00:00:00.000Z");
    CHECK(FormatDateWithFormat(1671235200000, "dd-MM-yyyy") == "17-12-2022");
    CHECK(FormatDateWithFormat(1671235200000, "epoch_millis||dd-MM-yyyy") == "1671235200000");
    CHECK(FormatDateWithFormat(-1, "") == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("documents take null_value and date values from their mapping") {
    ordered_json mapping = ordered_json::parse(R"({"properties": {
        "substitute": {"type": "keyword", "null_value": "NULL"},
        "day": {"type": "date", "format": "dd-MM-yyyy"},
        "plain": {"type": "date"},
        "process": {"properties": {"start": {"type": "date"}}}
    }})");
    ordered_json document = ordered_json::parse(R"({
        "substitute": null, "day": "17-12-2022", "plain": ["1970-01-02", 5, "junk"],
        "process.start": "1970-01-01T00:00:01Z", "other": null
    })");
    IndexDocumentValues(document, mapping);
    CHECK(document.dump() == R"({"substitute":"NULL","day":1671235200000,)"
                             R"("plain":[86400000,5,"junk"],"process.start":1000,"other":null})");

    ordered_json absent = ordered_json::parse(R"({"day": null})");
    IndexDocumentValues(absent, mapping);
    CHECK(absent.dump() == R"({"day":null})");
}

TEST_CASE("date formats are listed by field path") {
    ordered_json mapping = ordered_json::parse(R"({"properties": {
        "day": {"type": "date", "format": "dd-MM-yyyy"},
        "process": {"properties": {"start": {"type": "date"}, "name": {"type": "keyword"}}}
    }})");
    std::map<std::string, std::string> formats = DateFieldFormats(mapping);
    CHECK(formats == std::map<std::string, std::string>{{"day", "dd-MM-yyyy"},
                                                        {"process.start", ""}});
}

}  // TEST_SUITE
