// The record splitter with buffers from a BufferProvider and small reads. Every record stays
// valid after the split, and lines that cross reads stay whole. The records equal those of the
// default single buffer for NDJSON, CRLF, blank and too-long lines, and JSON arrays.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/io/byte_source.hpp"
#include "engine/io/record_splitter.hpp"

using eql::detail::ByteSource;
using eql::detail::Record;
using eql::detail::SplitOptions;

namespace {

// Hands out new buffers and keeps them all, so every record stays readable.
class KeepAllBuffers final : public eql::detail::BufferProvider {
public:
    char* Provide(size_t min_capacity, size_t* capacity) override {
        buffers_.push_back(std::make_unique<char[]>(min_capacity + eql::detail::kRecordPadding));
        *capacity = min_capacity;
        return buffers_.back().get();
    }
    size_t provided() const { return buffers_.size(); }

private:
    std::vector<std::unique_ptr<char[]>> buffers_;
};

// One record as text: its kind, line, length and, for kText, its bytes.
std::string Show(const Record& record) {
    std::string shown = std::to_string(static_cast<int>(record.kind)) + " " +
                        std::to_string(record.line) + " " + std::to_string(record.length) + " ";
    if (record.kind == Record::Kind::kText) {
        shown += std::string(record.text);
    }
    return shown;
}

// The records of `text` shown by the default splitter, each during its callback.
std::vector<std::string> SplitDefault(std::string_view text, size_t max_record_bytes) {
    ByteSource source;
    source.OpenMemory(text);
    std::vector<std::string> shown;
    eql::detail::SplitRecords(source, max_record_bytes,
                              [&](const Record& record) { shown.push_back(Show(record)); });
    return shown;
}

// The records of `text` with provided buffers and reads of `read_bytes`, shown after the
// split has ended.
std::vector<std::string> SplitProvided(std::string_view text, size_t max_record_bytes,
                                       size_t read_bytes, KeepAllBuffers* buffers) {
    ByteSource source;
    source.OpenMemory(text);
    SplitOptions options;
    options.max_record_bytes = max_record_bytes;
    options.read_bytes = read_bytes;
    options.buffers = buffers;
    std::vector<Record> records;
    eql::detail::SplitRecords(source, options,
                              [&](const Record& record) { records.push_back(record); });
    std::vector<std::string> shown;
    for (const Record& record : records) {
        shown.push_back(Show(record));
    }
    return shown;
}

std::string MixedLines() {
    std::string text = "\xEF\xBB\xBF";
    for (int i = 0; i < 300; ++i) {
        text += "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(i % 97, 'x') + "\"}";
        text += i % 5 == 0 ? "\r\n" : "\n";
        if (i % 11 == 0) {
            text += "  \n";
        }
        if (i % 37 == 0) {
            text += "{\"long\":\"" + std::string(700, 'y') + "\"}\n";
        }
    }
    return text + "{\"last\":true}";
}

}  // namespace

TEST_SUITE("record_splitter") {

TEST_CASE("provided buffers give the default records") {
    std::string text = MixedLines();
    std::vector<std::string> expected = SplitDefault(text, 500);
    REQUIRE(expected.size() > 300);
    for (size_t read_bytes : {1, 7, 64, 200, 4096}) {
        CAPTURE(read_bytes);
        KeepAllBuffers buffers;
        CHECK(SplitProvided(text, 500, read_bytes, &buffers) == expected);
        if (read_bytes < 1000) {
            CHECK(buffers.provided() > 3);
        }
    }
}

TEST_CASE("provided buffers give the default array elements") {
    std::string text = "[\n";
    for (int i = 0; i < 200; ++i) {
        text += "  {\n    \"n\": " + std::to_string(i) + ",\n    \"s\": \"" +
                std::string(i % 50, 'z') + "\"\n  },\n";
    }
    text += "  {\"big\": \"" + std::string(900, 'q') + "\"}\n]\n";
    std::vector<std::string> expected = SplitDefault(text, 500);
    REQUIRE(expected.size() == 201);
    for (size_t read_bytes : {3, 100, 4096}) {
        CAPTURE(read_bytes);
        KeepAllBuffers buffers;
        CHECK(SplitProvided(text, 500, read_bytes, &buffers) == expected);
    }
}

TEST_CASE("line longer than many reads stays whole") {
    std::string line = "{\"s\":\"" + std::string(100000, 'a') + "\"}";
    std::string text = "{}\n" + line + "\n{}\n";
    KeepAllBuffers buffers;
    std::vector<std::string> shown = SplitProvided(text, size_t{1} << 20, 16, &buffers);
    REQUIRE(shown.size() == 3);
    CHECK(shown[1] == "0 2 0 " + line);
    // Each buffer for the growing line is at least twice the last, so there are few.
    CHECK(buffers.provided() < 40);
}

}  // TEST_SUITE
