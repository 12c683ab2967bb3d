// Tests of timestamp parsing: ISO-8601 forms, offsets, fraction digits, epoch milliseconds as
// numbers and strings, and the limits of int64 nanoseconds.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "engine/io/timestamp.hpp"

namespace {

using eql::TimestampStatus;

constexpr int64_t kDefendInstant = 1649098320600780900;  // 2022-04-04T18:52:00.6007809Z
constexpr int64_t kSecondsAt2022_04_04T18_52 = 1649098320;

struct Row {
    const char* text;
    int64_t nanos;
};

int64_t ParseOk(const std::string& text) {
    int64_t nanos = -1;
    TimestampStatus status = eql::ParseTimestampString(text, &nanos);
    CHECK(status == TimestampStatus::kOk);
    return nanos;
}

TimestampStatus StatusOf(const std::string& text) {
    int64_t nanos = 0;
    return eql::ParseTimestampString(text, &nanos);
}

}  // namespace

TEST_SUITE("timestamp") {

TEST_CASE("defend and fortigate instants are 29.6007809 s apart") {
    int64_t defend = ParseOk("2022-04-04T18:52:00.6007809Z");
    int64_t fortigate = ParseOk("2022-04-04T20:51:31.000+02:00");
    CHECK(defend == kDefendInstant);
    CHECK(fortigate == 1649098291000000000);
    CHECK(defend - fortigate == 29600780900);
}

TEST_CASE("fraction of 0 to 9 digits keeps every digit") {
    const int64_t base = kSecondsAt2022_04_04T18_52 * 1'000'000'000;
    const Row rows[] = {
        {"2022-04-04T18:52:00Z", base},
        {"2022-04-04T18:52:00.6Z", base + 600000000},
        {"2022-04-04T18:52:00.60Z", base + 600000000},
        {"2022-04-04T18:52:00.600Z", base + 600000000},
        {"2022-04-04T18:52:00.6007Z", base + 600700000},
        {"2022-04-04T18:52:00.60078Z", base + 600780000},
        {"2022-04-04T18:52:00.600780Z", base + 600780000},
        {"2022-04-04T18:52:00.6007809Z", base + 600780900},
        {"2022-04-04T18:52:00.60078091Z", base + 600780910},
        {"2022-04-04T18:52:00.600780912Z", base + 600780912},
        {"2022-04-04T18:52:00,5Z", base + 500000000},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CHECK(ParseOk(row.text) == row.nanos);
    }
}

TEST_CASE("offsets shift to UTC") {
    const int64_t utc = kSecondsAt2022_04_04T18_52 * 1'000'000'000;
    const Row rows[] = {
        {"2022-04-04T20:52:00+02:00", utc},
        {"2022-04-04T20:52:00+0200", utc},
        {"2022-04-04T20:52:00+02", utc},
        {"2022-04-04T13:52:00-05:00", utc},
        {"2022-04-05T00:22:00+05:30", utc},
        {"2022-04-04T18:52:00+00:00", utc},
        {"2022-04-04T18:52:00-0000", utc},
        {"2022-04-04T18:52:00", utc},
        {"2022-04-05T12:52:00+18:00", utc},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CHECK(ParseOk(row.text) == row.nanos);
    }
}

TEST_CASE("shorter ISO forms start at the first instant") {
    const Row rows[] = {
        {"2022", 1640995200000000000},
        {"2022-04", 1648771200000000000},
        {"2024-02-29", 1709164800000000000},
        {"2022-04-04T18", (kSecondsAt2022_04_04T18_52 - 52 * 60) * 1'000'000'000},
        {"2022-04-04T18:52Z", kSecondsAt2022_04_04T18_52 * 1'000'000'000},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CHECK(ParseOk(row.text) == row.nanos);
    }
}

TEST_CASE("malformed ISO strings are invalid") {
    const char* rows[] = {
        "2022-04-04T18:52:00.6007809123Z",  // 10 fraction digits
        "2022-13-01",
        "2022-00-10",
        "2022-02-29",
        "2022-04-31",
        "2022-04-04T24:00:00Z",
        "2022-04-04T18:60:00Z",
        "2022-04-04T18:52:60Z",
        "2022-04-04T18:52:00+19:00",
        "2022-04-04T18:52:00+02:60",
        "2022-04-04 18:52:00Z",
        "2022-04-04T18:52:00.Z",
        "2022-04-04T18:52:00ZZ",
        "2022-04-04T18:52:00+2",
        "2022-04-04T",
        "2022-4-4",
        "2022-04-04Z",
        "abc",
        "",
        " 2022-04-04",
    };
    for (const char* row : rows) {
        CAPTURE(row);
        CHECK(StatusOf(row) == TimestampStatus::kInvalid);
    }
}

TEST_CASE("epoch millisecond strings keep sub-millisecond digits") {
    const Row rows[] = {
        {"1", 1000000},
        {"10", 10000000},
        {"102", 102000000},
        {"1234567893", 1234567893000000},
        {"131485996510.000000", 131485996510000000},
        {"131485996510.123456", 131485996510123456},
        {"131485996510", 131485996510000000},
        {"1.5", 1500000},
        {"1.0000009", 1000000},  // below a nanosecond: dropped
        {"-1", -1000000},
        {"0", 0},
        {"12345", 12345000000},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CHECK(ParseOk(row.text) == row.nanos);
    }
}

TEST_CASE("malformed epoch strings are invalid") {
    const char* rows[] = {"1e3", "1.", ".5", "+1", "12a", "1 ", "--1", "0x10", "1.5.5"};
    for (const char* row : rows) {
        CAPTURE(row);
        CHECK(StatusOf(row) == TimestampStatus::kInvalid);
    }
}

TEST_CASE("epoch millisecond numbers keep every digit of their text") {
    const Row rows[] = {
        {"1649098320600.7809", 1649098320600780900},
        {"1649098320600", 1649098320600000000},
        {"1.5e3", 1500000000},
        {"15E-1", 1500000},
        {"-2.5", -2500000},
        {"1e-7", 0},
        {"0.000001", 1},
        {"9223372036854.775807", std::numeric_limits<int64_t>::max()},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        int64_t nanos = -1;
        CHECK(eql::ParseEpochMillisNumber(row.text, &nanos) == TimestampStatus::kOk);
        CHECK(nanos == row.nanos);
    }
}

TEST_CASE("timestamps past int64 nanoseconds are out of range") {
    int64_t nanos = 0;
    CHECK(StatusOf("1677-09-21T00:00:00Z") == TimestampStatus::kOutOfRange);
    CHECK(StatusOf("2262-04-12T00:00:00Z") == TimestampStatus::kOutOfRange);
    CHECK(StatusOf("0001-01-01") == TimestampStatus::kOutOfRange);
    CHECK(StatusOf("9223372036855") == TimestampStatus::kOutOfRange);
    CHECK(eql::ParseEpochMillisNumber("9.3e12", &nanos) == TimestampStatus::kOutOfRange);
    CHECK(eql::ParseEpochMillisNumber("1e999999999999", &nanos) == TimestampStatus::kOutOfRange);
    CHECK(eql::EpochMillisToNanos(9223372036855, &nanos) == TimestampStatus::kOutOfRange);
    CHECK(eql::EpochMillisToNanos(std::numeric_limits<int64_t>::min(), &nanos) ==
          TimestampStatus::kOutOfRange);
}

TEST_CASE("the int64 nanosecond extremes are accepted") {
    CHECK(ParseOk("2262-04-11T23:47:16.854775807Z") == std::numeric_limits<int64_t>::max());
    CHECK(ParseOk("1677-09-21T00:12:43.145224192Z") == std::numeric_limits<int64_t>::min());
    int64_t nanos = 0;
    CHECK(eql::EpochMillisToNanos(9223372036854, &nanos) == TimestampStatus::kOk);
    CHECK(nanos == 9223372036854000000);
}

}  // TEST_SUITE
