// Join-key tuples: the values an event yields for a stage's `by` keys, and the hashing and
// ordering that sequences and samples need to key their state by them.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/io/event.hpp"
#include "engine/plan/plan.hpp"

namespace eql::eval {

// The values of one stage's join keys in one event, in key order (shared keys first).
using KeyTuple = std::vector<Value>;

// Hashes a tuple consistently with KeyTupleEqual: an integral double hashes as the integer.
struct KeyTupleHash {
    size_t operator()(const KeyTuple& tuple) const;
};

// Compares tuples exactly and with type: strings case-sensitively, numbers numerically.
// Known gap: values compare as the event wrote them, so a date key written in two formats
// (ISO-8601 in one index, epoch milliseconds or a custom format in another) does not join,
// and results report the key as written where Elasticsearch reports epoch milliseconds.
struct KeyTupleEqual {
    bool operator()(const KeyTuple& a, const KeyTuple& b) const;
};

// Orders tuples component by component with CompareValues: null first, then booleans,
// numbers and strings (UTF-8 byte order).
bool KeyTupleLess(const KeyTuple& a, const KeyTuple& b);

// Upper bound on the tuples one event yields for one stage, which caps the cartesian product
// of several multi-valued keys.
inline constexpr size_t kMaxKeyTuplesPerEvent = 4096;

// Replaces `out` with every key tuple `event` yields for `keys`, ascending and without
// duplicates. Each value of a multi-valued key counts as a key of its own, and several
// multi-valued keys give their cartesian product. A missing non-optional key yields no tuple,
// so the event takes no part; a missing optional key yields null. No keys yield one empty tuple.
// Known gap: past kMaxKeyTuplesPerEvent tuples the rest are dropped; an event with several huge
// key arrays then joins on only the lowest combinations.
void ExtractKeyTuples(const std::vector<plan::KeyNode>& keys, const Event& event,
                      std::vector<KeyTuple>& out);

}  // namespace eql::eval
