// FieldTrie stores the field paths of an EventLayout as a trie of dot-separated segments, so
// one walk over a parsed event fills every field. FindFirstValueText re-reads one path with
// simdjson On-Demand to get a number's exact text.
#include "engine/io/field_path.hpp"

#include <algorithm>
#include <cstring>

#include "engine/io/record_splitter.hpp"

namespace eql::detail {

namespace dom = simdjson::dom;
namespace ondemand = simdjson::ondemand;

void ProbeValues::Reset(size_t count) {
    values.resize(count);
    found.assign(count, 0);
}

namespace {

uint64_t LengthBit(size_t length) { return uint64_t{1} << std::min<size_t>(length, 63); }

}  // namespace

FieldTrie::FieldTrie() : nodes_(1) {}

uint32_t FieldTrie::Insert(std::string_view path) {
    uint32_t node = 0;
    for (;;) {
        size_t dot = path.find('.');
        std::string_view segment = path.substr(0, dot);
        int64_t child = FindChild(node, segment);
        if (child < 0) {
            child = static_cast<int64_t>(nodes_.size());
            nodes_[node].children.emplace_back(std::string(segment), static_cast<uint32_t>(child));
            nodes_[node].child_lengths |= LengthBit(segment.size());
            nodes_.emplace_back();
        }
        node = static_cast<uint32_t>(child);
        if (dot == std::string_view::npos) {
            return node;
        }
        path.remove_prefix(dot + 1);
    }
}

void FieldTrie::AddField(std::string_view path, uint32_t slot) {
    uint32_t node = Insert(path);
    nodes_[node].slots.push_back(slot);
}

void FieldTrie::AddProbe(std::string_view path, uint32_t probe) {
    uint32_t node = Insert(path);
    nodes_[node].probes.push_back(probe);
}

int64_t FieldTrie::FindChild(uint32_t node, std::string_view segment) const {
    // Most keys of a document match no child: their length alone rejects most of them.
    const Node& parent = nodes_[node];
    if ((parent.child_lengths & LengthBit(segment.size())) == 0) {
        return -1;
    }
    for (const auto& [name, child] : parent.children) {
        if (name.size() == segment.size() &&
            (segment.empty() || (name[0] == segment[0] &&
                                 std::memcmp(name.data(), segment.data(), segment.size()) == 0))) {
            return child;
        }
    }
    return -1;
}

namespace {

// Returns the position of the first '.' in `key`, or npos. Keys are short, so a plain loop
// beats a call to memchr.
size_t FindDot(std::string_view key) {
    for (size_t i = 0; i < key.size(); ++i) {
        if (key[i] == '.') {
            return i;
        }
    }
    return std::string_view::npos;
}

}  // namespace

// Follows every dot-separated segment of an object key, so that a dotted key reaches the
// same node as the nested objects it flattens.
int64_t FieldTrie::FindKey(uint32_t node, std::string_view key) const {
    for (;;) {
        size_t dot = FindDot(key);
        int64_t child = FindChild(node, key.substr(0, dot));
        if (child < 0 || dot == std::string_view::npos) {
            return child;
        }
        node = static_cast<uint32_t>(child);
        key.remove_prefix(dot + 1);
    }
}

void FieldTrie::Collect(dom::element root, std::vector<FieldValues>* fields,
                        ProbeValues* probes, std::vector<uint32_t>* touched) const {
    if (!empty()) {
        Walk(0, root, Sink{fields, probes, touched});
    }
}

// Recursion follows the document's nesting, which the parser has bounded by its max depth.
void FieldTrie::Walk(uint32_t node, dom::element element, const Sink& sink) const {
    if (element.type() == dom::element_type::ARRAY) {
        for (dom::element child : dom::array(element.get_array().value_unsafe())) {
            Walk(node, child, sink);
        }
        return;
    }
    if (element.type() != dom::element_type::OBJECT) {
        return;
    }
    for (dom::key_value_pair field : dom::object(element.get_object().value_unsafe())) {
        int64_t found = FindKey(node, field.key);
        if (found < 0) {
            continue;
        }
        const Node& target = nodes_[static_cast<size_t>(found)];
        if (!target.slots.empty() || !target.probes.empty()) {
            Emit(target, field.value, sink);
        }
        if (!target.children.empty()) {
            Walk(static_cast<uint32_t>(found), field.value, sink);
        }
    }
}

void FieldTrie::Emit(const Node& node, dom::element element, const Sink& sink) const {
    if (element.type() == dom::element_type::ARRAY) {
        for (dom::element child : dom::array(element.get_array().value_unsafe())) {
            Emit(node, child, sink);
        }
        return;
    }
    for (uint32_t probe : node.probes) {
        if (!sink.probes->found[probe] && element.type() != dom::element_type::OBJECT &&
            element.type() != dom::element_type::NULL_VALUE) {
            sink.probes->values[probe] = element;
            sink.probes->found[probe] = 1;
        }
    }
    if (node.slots.empty()) {
        return;
    }
    Value value;
    if (!ToValue(element, &value)) {
        return;
    }
    for (size_t i = 0; i < node.slots.size(); ++i) {
        FieldValues& values = (*sink.fields)[node.slots[i]];
        if (values.empty()) {
            sink.touched->push_back(node.slots[i]);
        }
        if (i + 1 < node.slots.size()) {
            values.push_back(value);
        } else {
            values.push_back(std::move(value));
        }
    }
}

bool ToValue(dom::element element, Value* value) {
    switch (element.type()) {
        case dom::element_type::STRING:
            *value = std::string(element.get_string().value_unsafe());
            return true;
        case dom::element_type::INT64:
            *value = element.get_int64().value_unsafe();
            return true;
        case dom::element_type::UINT64:
            // Only integers above INT64_MAX are UINT64 in simdjson's DOM.
            *value = static_cast<double>(element.get_uint64().value_unsafe());
            return true;
        case dom::element_type::DOUBLE:
            *value = element.get_double().value_unsafe();
            return true;
        case dom::element_type::BOOL:
            *value = element.get_bool().value_unsafe();
            return true;
        default:
            return false;
    }
}

namespace {

// Returns 1 when a value of `rest` is found in `value`, 0 when none is, -1 on a parse error.
int FindInValue(ondemand::value value, std::string_view rest, std::string_view* token) {
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) {
        return -1;
    }
    if (type == ondemand::json_type::array) {
        ondemand::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS) {
            return -1;
        }
        for (auto child : array) {
            ondemand::value element;
            if (child.get(element) != simdjson::SUCCESS) {
                return -1;
            }
            int found = FindInValue(element, rest, token);
            if (found != 0) {
                return found;
            }
        }
        return 0;
    }
    if (rest.empty()) {
        if (type == ondemand::json_type::object || type == ondemand::json_type::null) {
            return 0;
        }
        *token = value.raw_json_token();
        return 1;
    }
    if (type != ondemand::json_type::object) {
        return 0;
    }

    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        return -1;
    }
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
            return -1;
        }
        bool whole = key == rest;
        bool prefix = !whole && rest.size() > key.size() && rest[key.size()] == '.' &&
                      rest.substr(0, key.size()) == key;
        if (!whole && !prefix) {
            continue;
        }
        ondemand::value child;
        if (field.value().get(child) != simdjson::SUCCESS) {
            return -1;
        }
        int found = FindInValue(child, whole ? std::string_view() : rest.substr(key.size() + 1),
                                token);
        if (found != 0) {
            return found;
        }
    }
    return 0;
}

}  // namespace

bool FindFirstValueText(ondemand::parser& parser, std::string_view text, std::string_view path,
                        std::string_view* token) {
    ondemand::document document;
    if (parser.iterate(text.data(), text.size(), text.size() + kRecordPadding).get(document) !=
        simdjson::SUCCESS) {
        return false;
    }
    ondemand::value root;
    if (document.get_value().get(root) != simdjson::SUCCESS ||
        FindInValue(root, path, token) != 1) {
        return false;
    }
    while (!token->empty() && (token->back() == ' ' || token->back() == '\t' ||
                               token->back() == '\r' || token->back() == '\n')) {
        token->remove_suffix(1);
    }
    return true;
}

}  // namespace eql::detail
