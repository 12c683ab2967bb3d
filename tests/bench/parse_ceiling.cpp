// eqlite-parse-ceiling: reads an NDJSON file in large blocks and parses every line with
// simdjson, touching every value, then prints lines, bytes, seconds, MB/s and lines/s. This is
// the upper bound a replay run over the same file is compared with: no engine that parses
// each event can read faster. Entry point: main.
//
// Modes: "dom" parses each line into simdjson's DOM and walks it. "ondemand" iterates each line
// with the On-Demand API and reads every key and value. "stream" hands each block to
// dom::parser::parse_many, simdjson's own NDJSON reader, and walks each document.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace {

constexpr size_t kBlockBytes = 32u << 20;

struct Totals {
    uint64_t lines = 0;
    uint64_t bytes = 0;
    uint64_t values = 0;  // scalars and containers visited, so no work can be skipped
    uint64_t errors = 0;
};

// Counts every value under `element`. Recursion depth is bounded by the parser's maximum
// depth (simdjson's default of 1024).
uint64_t Walk(simdjson::dom::element element) {
    uint64_t count = 1;
    simdjson::dom::array array;
    simdjson::dom::object object;
    if (element.get_array().get(array) == simdjson::SUCCESS) {
        for (simdjson::dom::element child : array) {
            count += Walk(child);
        }
    } else if (element.get_object().get(object) == simdjson::SUCCESS) {
        for (simdjson::dom::key_value_pair field : object) {
            count += Walk(field.value);
        }
    }
    return count;
}

// Visits every value of an On-Demand value, reading scalars so that they are validated.
// Returns false on a parse error.
bool Visit(simdjson::ondemand::value value, uint64_t& count, int depth) {
    ++count;
    simdjson::ondemand::json_type type;
    if (depth > 1024 || value.type().get(type) != simdjson::SUCCESS) {
        return false;
    }
    switch (type) {
        case simdjson::ondemand::json_type::object: {
            simdjson::ondemand::object object;
            if (value.get_object().get(object) != simdjson::SUCCESS) {
                return false;
            }
            for (auto field : object) {
                std::string_view key;
                simdjson::ondemand::value child;
                if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
                    field.value().get(child) != simdjson::SUCCESS ||
                    !Visit(child, count, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        case simdjson::ondemand::json_type::array: {
            simdjson::ondemand::array array;
            if (value.get_array().get(array) != simdjson::SUCCESS) {
                return false;
            }
            for (auto element : array) {
                simdjson::ondemand::value child;
                if (element.get(child) != simdjson::SUCCESS || !Visit(child, count, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        case simdjson::ondemand::json_type::string: {
            std::string_view text;
            return value.get_string().get(text) == simdjson::SUCCESS;
        }
        case simdjson::ondemand::json_type::number: {
            double number;
            return value.get_double().get(number) == simdjson::SUCCESS;
        }
        case simdjson::ondemand::json_type::boolean: {
            bool flag;
            return value.get_bool().get(flag) == simdjson::SUCCESS;
        }
        case simdjson::ondemand::json_type::null:
            return value.is_null();
    }
    return false;
}

class LineParser {
public:
    explicit LineParser(std::string_view mode) : mode_(mode) {}

    // Parses the complete lines in data[0, size). The buffer has SIMDJSON_PADDING readable
    // bytes after `size`, as simdjson requires.
    void ParseBlock(const char* data, size_t size, Totals& totals) {
        if (mode_ == "stream") {
            ParseStream(data, size, totals);
            return;
        }
        const char* end = data + size;
        for (const char* line = data; line < end;) {
            const char* newline = static_cast<const char*>(std::memchr(line, '\n', end - line));
            size_t length = newline ? static_cast<size_t>(newline - line) : end - line;
            if (length > 0) {
                ParseLine(line, length, totals);
            }
            totals.bytes += length + (newline ? 1 : 0);
            line += length + 1;
        }
    }

private:
    void ParseLine(const char* line, size_t length, Totals& totals) {
        ++totals.lines;
        if (mode_ == "dom") {
            simdjson::dom::element document;
            if (dom_.parse(line, length, false).get(document) != simdjson::SUCCESS) {
                ++totals.errors;
                return;
            }
            totals.values += Walk(document);
            return;
        }
        simdjson::ondemand::document document;
        simdjson::ondemand::value root;
        simdjson::padded_string_view view(line, length, length + simdjson::SIMDJSON_PADDING);
        if (ondemand_.iterate(view).get(document) != simdjson::SUCCESS ||
            document.get_value().get(root) != simdjson::SUCCESS || !Visit(root, totals.values, 0)) {
            ++totals.errors;
        }
    }

    void ParseStream(const char* data, size_t size, Totals& totals) {
        simdjson::dom::document_stream stream;
        if (dom_.parse_many(data, size, simdjson::dom::DEFAULT_BATCH_SIZE).get(stream) !=
            simdjson::SUCCESS) {
            ++totals.errors;
            return;
        }
        for (auto result : stream) {
            simdjson::dom::element document;
            ++totals.lines;
            if (result.get(document) != simdjson::SUCCESS) {
                ++totals.errors;
                continue;
            }
            totals.values += Walk(document);
        }
        totals.bytes += size;
    }

    std::string mode_;
    simdjson::dom::parser dom_;
    simdjson::ondemand::parser ondemand_;
};

}  // namespace

int main(int argc, char** argv) {
    std::string_view mode = "dom";
    const char* path = nullptr;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg(argv[i]);
        if (arg.starts_with("--mode=")) {
            mode = arg.substr(7);
        } else if (path == nullptr) {
            path = argv[i];
        } else {
            path = nullptr;
            break;
        }
    }
    if (path == nullptr || (mode != "dom" && mode != "ondemand" && mode != "stream")) {
        std::fprintf(stderr, "usage: eqlite-parse-ceiling [--mode=dom|ondemand|stream] FILE\n");
        return 2;
    }
    FILE* file = std::fopen(path, "rb");
    if (file == nullptr) {
        std::fprintf(stderr, "eqlite-parse-ceiling: failed to open %s: %s\n", path,
                     std::strerror(errno));
        return 2;
    }

    // Each block holds whole lines; the tail of a partial last line moves to the next block.
    std::vector<char> buffer(kBlockBytes + simdjson::SIMDJSON_PADDING);
    LineParser parser(mode);
    Totals totals;
    size_t carried = 0;
    auto began = std::chrono::steady_clock::now();
    while (true) {
        size_t read = std::fread(buffer.data() + carried, 1, kBlockBytes - carried, file);
        size_t filled = carried + read;
        bool last = read == 0 || std::feof(file);
        size_t complete = filled;
        if (!last) {
            const char* end = static_cast<const char*>(memrchr(buffer.data(), '\n', filled));
            if (end == nullptr) {
                std::fprintf(stderr, "eqlite-parse-ceiling: a line is longer than %zu bytes\n",
                             kBlockBytes);
                return 2;
            }
            complete = static_cast<size_t>(end - buffer.data()) + 1;
        }
        std::memset(buffer.data() + filled, 0, simdjson::SIMDJSON_PADDING);
        parser.ParseBlock(buffer.data(), complete, totals);
        carried = filled - complete;
        std::memmove(buffer.data(), buffer.data() + complete, carried);
        if (last) {
            break;
        }
    }
    std::fclose(file);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

    std::printf(
        "mode     %.*s\nlines    %llu\nbytes    %llu\nvalues   %llu\nerrors   %llu\n"
        "seconds  %.3f\nMB/s     %.1f\nlines/s  %.0f\n",
        static_cast<int>(mode.size()), mode.data(), static_cast<unsigned long long>(totals.lines),
        static_cast<unsigned long long>(totals.bytes),
        static_cast<unsigned long long>(totals.values),
        static_cast<unsigned long long>(totals.errors), seconds,
        static_cast<double>(totals.bytes) / 1e6 / seconds,
        static_cast<double>(totals.lines) / seconds);
    return totals.errors == 0 ? 0 : 1;
}
