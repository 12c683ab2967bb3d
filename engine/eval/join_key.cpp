// Join-key tuple extraction, hashing and ordering. ExtractKeyTuples expands multi-valued keys
// into one tuple per combination, the way Elasticsearch treats each array value as its own key.
#include "engine/eval/join_key.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>

namespace eql::eval {

namespace {

size_t HashValue(const Value& value) {
    if (std::holds_alternative<bool>(value)) {
        return std::get<bool>(value) ? 0x51ed27 : 0x2f0b3d;
    }
    if (std::holds_alternative<int64_t>(value)) {
        return std::hash<int64_t>{}(std::get<int64_t>(value));
    }
    if (std::holds_alternative<double>(value)) {
        // Integral doubles hash as integers, because CompareValues finds 2.0 equal to 2.
        double number = std::get<double>(value);
        if (std::trunc(number) == number && std::fabs(number) < 9.2e18) {
            return std::hash<int64_t>{}(static_cast<int64_t>(number));
        }
        return std::hash<double>{}(number);
    }
    if (std::holds_alternative<std::string>(value)) {
        return std::hash<std::string>{}(std::get<std::string>(value));
    }
    return 0x9e3779b9;
}

bool ValueLess(const Value& a, const Value& b) { return CompareValues(a, b) < 0; }

bool ValueEqual(const Value& a, const Value& b) { return CompareValues(a, b) == 0; }

// Returns the distinct values of `key` in `event`, ascending; empty when the event takes no part.
std::vector<Value> KeyValues(const plan::KeyNode& key, const Event& event) {
    FieldView found = event.fields[key.slot];
    std::vector<Value> values(found.begin(), found.end());
    std::sort(values.begin(), values.end(), ValueLess);
    values.erase(std::unique(values.begin(), values.end(), ValueEqual), values.end());

    if (values.empty() && key.optional) {
        values.emplace_back(std::monostate{});
    }
    return values;
}

}  // namespace

size_t KeyTupleHash::operator()(const KeyTuple& tuple) const {
    size_t seed = tuple.size();
    for (const Value& value : tuple) {
        seed ^= HashValue(value) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
    }
    return seed;
}

bool KeyTupleEqual::operator()(const KeyTuple& a, const KeyTuple& b) const {
    if (a.size() != b.size()) {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        if (!ValueEqual(a[i], b[i])) {
            return false;
        }
    }
    return true;
}

bool KeyTupleLess(const KeyTuple& a, const KeyTuple& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), ValueLess);
}

void ExtractKeyTuples(const std::vector<plan::KeyNode>& keys, const Event& event,
                      std::vector<KeyTuple>& out) {
    // Reuse the first tuple's storage, since most events yield exactly one tuple.
    out.resize(1);
    out.front().clear();

    // Extend every tuple so far by each value of the next key. The product stays ascending
    // because both the tuples and each key's values are.
    for (const plan::KeyNode& key : keys) {
        std::vector<Value> values = KeyValues(key, event);
        if (values.empty()) {
            out.clear();
            return;
        }
        if (values.size() == 1) {
            for (KeyTuple& tuple : out) {
                tuple.push_back(values.front());
            }
            continue;
        }
        std::vector<KeyTuple> extended;
        extended.reserve(std::min(out.size() * values.size(), kMaxKeyTuplesPerEvent));
        for (const KeyTuple& prefix : out) {
            for (const Value& value : values) {
                if (extended.size() == kMaxKeyTuplesPerEvent) {
                    break;
                }
                extended.push_back(prefix);
                extended.back().push_back(value);
            }
        }
        out = std::move(extended);
    }
}

}  // namespace eql::eval
