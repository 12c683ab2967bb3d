// An append-only writer of one compact JSON document into a std::string, used by the benchmark
// generator to build NDJSON lines without a DOM. It inserts commas itself and escapes string
// values. Keys are written as given, so callers pass plain ASCII field names.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace eql::bench {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void BeginObject() { Open('{'); }
    void EndObject() { Close('}'); }
    void BeginArray() { Open('['); }
    void EndArray() { Close(']'); }

    // Writes `"key":` and leaves the writer waiting for the value.
    void Key(std::string_view key) {
        Separate();
        out_.push_back('"');
        out_.append(key);
        out_.append("\":");
        after_key_ = true;
    }

    void String(std::string_view text) {
        Separate();
        out_.push_back('"');
        AppendEscaped(text);
        out_.push_back('"');
    }

    void Int(int64_t number) {
        Separate();
        char digits[24];
        auto result = std::to_chars(digits, digits + sizeof digits, number);
        out_.append(digits, result.ptr);
    }

    void Bool(bool value) {
        Separate();
        out_.append(value ? "true" : "false");
    }

    // Writes a string value whose characters `append(std::string&)` adds directly. For text that
    // needs no escaping, such as timestamps and addresses, this skips a copy.
    template <typename Append>
    void UnescapedString(Append&& append) {
        Separate();
        out_.push_back('"');
        append(out_);
        out_.push_back('"');
    }

    // Writes already-encoded JSON text as one value.
    void Raw(std::string_view json) {
        Separate();
        out_.append(json);
    }

    void Field(std::string_view key, std::string_view text) {
        Key(key);
        String(text);
    }
    void Field(std::string_view key, const char* text) { Field(key, std::string_view(text)); }
    void Field(std::string_view key, const std::string& text) {
        Field(key, std::string_view(text));
    }
    void Field(std::string_view key, int64_t number) {
        Key(key);
        Int(number);
    }
    void Field(std::string_view key, int number) { Field(key, static_cast<int64_t>(number)); }
    void Field(std::string_view key, bool value) {
        Key(key);
        Bool(value);
    }

    // Writes `"key":["text"]`, the shape ECS uses for event.category and event.type.
    void FieldList(std::string_view key, std::string_view text) {
        Key(key);
        BeginArray();
        String(text);
        EndArray();
    }

private:
    void Open(char bracket) {
        Separate();
        out_.push_back(bracket);
        first_ = true;
    }

    void Close(char bracket) {
        out_.push_back(bracket);
        first_ = false;
    }

    // Emits the comma between two members or elements, unless a key has just been written.
    void Separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_) {
            out_.push_back(',');
        }
        first_ = false;
    }

    void AppendEscaped(std::string_view text) {
        static constexpr char kHex[] = "0123456789abcdef";
        for (char c : text) {
            auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out_.push_back('\\');
                out_.push_back(c);
            } else if (byte < 0x20) {
                out_.append("\\u00");
                out_.push_back(kHex[byte >> 4]);
                out_.push_back(kHex[byte & 15]);
            } else {
                out_.push_back(c);
            }
        }
    }

    std::string& out_;
    bool first_ = true;
    bool after_key_ = false;
};

}  // namespace eql::bench
