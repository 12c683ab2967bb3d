// Field path resolution over parsed JSON events. A FieldTrie contains every path the plans
// read and collects all their values in one walk over the document. Its probes keep the first
// JSON value of a path as it is, for timestamps and tiebreakers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "engine/io/event.hpp"

namespace eql::detail {

// The first value found for each probe in one document. `found[i]` is 1 when `values[i]` is
// set. The elements stay valid until the parser parses the next document.
struct ProbeValues {
    std::vector<simdjson::dom::element> values;
    std::vector<uint8_t> found;

    void Reset(size_t count);
};

// Paths resolve as follows. A path `a.b.c` matches nested objects and flattened dotted keys
// alike: {"a":{"b":{"c":1}}}, {"a.b":{"c":1}}, {"a":{"b.c":1}} and {"a.b.c":1} all give 1.
// Arrays are walked through (an array of objects gives each element's value) and flattened.
// Strings, numbers and booleans are values; null, [] and an object at the end of the path
// give nothing. Values come in document order.
class FieldTrie {
public:
    FieldTrie();

    // Values of `path` are appended to fields[slot] by Collect.
    void AddField(std::string_view path, uint32_t slot);
    // The first value of `path` goes to probes.values[probe].
    void AddProbe(std::string_view path, uint32_t probe);
    bool empty() const { return nodes_.size() == 1; }

    // Walks `root` once and fills `fields` (sized by the caller) and `probes`. Each slot
    // that gets its first value is appended to `touched`.
    void Collect(simdjson::dom::element root, std::vector<FieldValues>* fields,
                 ProbeValues* probes, std::vector<uint32_t>* touched) const;

private:
    struct Node {
        std::vector<std::pair<std::string, uint32_t>> children;  // segment, node index
        uint64_t child_lengths = 0;  // bit min(size, 63) set for each child's segment
        std::vector<uint32_t> slots;
        std::vector<uint32_t> probes;
    };

    uint32_t Insert(std::string_view path);
    int64_t FindChild(uint32_t node, std::string_view segment) const;
    int64_t FindKey(uint32_t node, std::string_view key) const;
    // The destinations of what Collect finds.
    struct Sink {
        std::vector<FieldValues>* fields;
        ProbeValues* probes;
        std::vector<uint32_t>* touched;
    };

    void Walk(uint32_t node, simdjson::dom::element element, const Sink& sink) const;
    void Emit(const Node& node, simdjson::dom::element element, const Sink& sink) const;

    std::vector<Node> nodes_;  // nodes_[0] is the root
};

// Converts a scalar element to a Value: int64 when the integer fits, else double.
// Returns false for null, arrays and objects.
bool ToValue(simdjson::dom::element element, Value* value);

// Finds the raw text of the first value of `path` in the JSON `text` (validated already, with
// kRecordPadding bytes after it), resolving the path as FieldTrie does. simdjson's DOM keeps
// only the double of a number, so this recovers every digit of a fractional timestamp.
bool FindFirstValueText(simdjson::ondemand::parser& parser, std::string_view text,
                        std::string_view path, std::string_view* token);

}  // namespace eql::detail
