// Tests of reading files: gzip detection by magic bytes, concatenated members, truncated and
// corrupt streams, standard input, and files that cannot be opened or read.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <fcntl.h>
#include <unistd.h>
#include "tests/io/read_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using eql::testing::Gzip;
using eql::testing::LayoutWith;
using eql::testing::ReadResult;
using eql::testing::SkippedTotal;
using eql::testing::TempDir;

// `count` event lines whose text varies, so that compression stays moderate.
std::string EventLines(int count, int first = 0) {
    std::string text;
    uint32_t state = 12345;
    for (int i = first; i < first + count; ++i) {
        state = state * 1103515245 + 12345;
        text += "{\"@timestamp\":" + std::to_string(i) + ",\"n\":" + std::to_string(i) +
                ",\"noise\":\"" + std::to_string(state) + std::to_string(state * 7) + "\"}\n";
    }
    return text;
}

// Reads `path` as standard input, by putting it on file descriptor 0 for the read.
ReadResult ReadAsStdin(const std::string& path) {
    int saved = dup(STDIN_FILENO);
    int file = open(path.c_str(), O_RDONLY);
    REQUIRE(file >= 0);
    dup2(file, STDIN_FILENO);
    close(file);
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), "-");
    dup2(saved, STDIN_FILENO);
    close(saved);
    return result;
}

}  // namespace

TEST_SUITE("input_file") {

TEST_CASE("plain and gzip files give the same events") {
    TempDir dir;
    std::string text = EventLines(3000);
    std::string plain = dir.Write("events.ndjson", text);
    std::string packed = dir.Write("events.log", Gzip(text));  // no .gz in the name

    ReadResult from_plain = eql::testing::ReadPath(LayoutWith({"n"}), plain);
    ReadResult from_gzip = eql::testing::ReadPath(LayoutWith({"n"}), packed);
    CHECK(from_plain.ok);
    CHECK(from_gzip.ok);
    REQUIRE(from_plain.events.size() == 3000);
    REQUIRE(from_gzip.events.size() == 3000);
    CHECK(from_gzip.skips.empty());
    CHECK(from_gzip.events[2999]->source == from_plain.events[2999]->source);
    CHECK(from_gzip.events[2999]->line == 3000);
    CHECK(*from_gzip.events[0]->file == packed);
}

TEST_CASE("gzip input larger than the read blocks is read whole") {
    TempDir dir;
    std::string text = EventLines(120000);
    REQUIRE(text.size() > (6u << 20));
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), dir.Write("big.gz", Gzip(text)));
    CHECK(result.ok);
    CHECK(result.events.size() == 120000);
    CHECK(result.skips.empty());
}

TEST_CASE("concatenated gzip members are read in order") {
    TempDir dir;
    std::string path = dir.Write("two.gz", Gzip(EventLines(10)) + Gzip(EventLines(5, 10)));
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), path);
    REQUIRE(result.events.size() == 15);
    CHECK(result.events[14]->line == 15);
    CHECK(std::get<int64_t>(result.events[14]->fields[0].at(0)) == 14);
}

TEST_CASE("a truncated gzip stream keeps the lines before the break") {
    TempDir dir;
    std::string packed = Gzip(EventLines(5000));
    std::string path = dir.Write("cut.gz", packed.substr(0, packed.size() / 2));
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), path);

    CHECK(result.ok);
    CHECK(result.events.size() > 100);
    CHECK(result.events.size() < 5000);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].reason == "truncated-gzip");
    CHECK(result.skips[0].message == "gzip stream is truncated: unexpected end of file");
    CHECK(result.skips[0].line == result.events.size() + 1);
    CHECK(result.skips[0].file == path);
    CHECK(result.stats.lines == result.stats.events + SkippedTotal(result.stats));
}

TEST_CASE("a gzip stream cut inside its header is one truncation") {
    TempDir dir;
    std::string path = dir.Write("header.gz", Gzip(EventLines(10)).substr(0, 5));
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), path);
    CHECK(result.ok);
    CHECK(result.events.empty());
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].reason == "truncated-gzip");
    CHECK(result.skips[0].line == 1);
    CHECK(result.stats.lines == 1);
}

TEST_CASE("a gzip stream with a bad checksum is corrupt after its lines") {
    TempDir dir;
    std::string packed = Gzip(EventLines(20));
    packed[packed.size() - 8] = static_cast<char>(packed[packed.size() - 8] ^ 0x55);  // CRC-32
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), dir.Write("crc.gz", packed));
    CHECK(result.events.size() == 20);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].reason == "corrupt-gzip");
    CHECK(result.skips[0].message == "gzip stream is corrupt: incorrect data check");
    CHECK(result.skips[0].line == 21);
    CHECK(result.stats.lines == 21);
}

TEST_CASE("damaged gzip data is one corrupt record") {
    TempDir dir;
    std::string packed = Gzip(EventLines(5000));
    for (size_t i = packed.size() / 2; i < packed.size() / 2 + 64; ++i) {
        packed[i] = static_cast<char>(0xFF);
    }
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), dir.Write("bad.gz", packed));
    CHECK(result.ok);
    CHECK(result.events.size() < 5000);
    REQUIRE_FALSE(result.skips.empty());
    const eql::SkippedLine& last = result.skips.back();
    CHECK(last.reason == "corrupt-gzip");
    CHECK(last.message.rfind("gzip stream is corrupt: ", 0) == 0);
    CHECK(result.stats.skipped.at("corrupt-gzip") == 1);
    CHECK(result.stats.lines == result.stats.events + SkippedTotal(result.stats));
}

TEST_CASE("bytes after the gzip stream are reported as corrupt") {
    TempDir dir;
    std::string path = dir.Write("tail.gz", Gzip(EventLines(3)) + "trailing text\n");
    ReadResult result = eql::testing::ReadPath(LayoutWith({"n"}), path);
    CHECK(result.events.size() == 3);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0].message ==
          "gzip stream is corrupt: unexpected data after the end of the gzip stream");
    CHECK(result.skips[0].line == 4);
}

TEST_CASE("gzip text in memory is inflated") {
    std::string packed = Gzip("[{\"@timestamp\":1,\"n\":1},\n{\"@timestamp\":2,\"n\":2}]");
    ReadResult result = eql::testing::ReadText(LayoutWith({"n"}), packed);
    REQUIRE(result.events.size() == 2);
    CHECK(result.events[1]->line == 2);
}

TEST_CASE("standard input is read as plain or gzip") {
    TempDir dir;
    ReadResult plain = ReadAsStdin(dir.Write("in.ndjson", EventLines(7)));
    CHECK(plain.ok);
    REQUIRE(plain.events.size() == 7);
    CHECK(*plain.events[0]->file == "<stdin>");

    ReadResult packed = ReadAsStdin(dir.Write("in.gz", Gzip(EventLines(9))));
    CHECK(packed.ok);
    CHECK(packed.events.size() == 9);
}

TEST_CASE("a missing file is an error") {
    TempDir dir;
    std::string path = dir.path() + "/absent.ndjson";
    ReadResult result = eql::testing::ReadPath(LayoutWith({}), path);
    CHECK_FALSE(result.ok);
    CHECK(result.error == "failed to open '" + path + "': No such file or directory");
    CHECK(result.stats.lines == 0);
}

TEST_CASE("a folder is a read error") {
    TempDir dir;
    ReadResult result = eql::testing::ReadPath(LayoutWith({}), dir.path());
    CHECK_FALSE(result.ok);
    CHECK(result.error == "failed to read '" + dir.path() + "': Is a directory");
}

TEST_CASE("an empty file gives no lines") {
    TempDir dir;
    ReadResult plain = eql::testing::ReadPath(LayoutWith({}), dir.Write("empty", ""));
    CHECK(plain.ok);
    CHECK(plain.stats.lines == 0);
    ReadResult packed = eql::testing::ReadPath(LayoutWith({}), dir.Write("empty.gz", Gzip("")));
    CHECK(packed.ok);
    CHECK(packed.stats.lines == 0);
    CHECK(packed.skips.empty());
}

}  // TEST_SUITE
