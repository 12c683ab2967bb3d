// The field values of one event, by EventLayout slot, held in two flat arrays: every value in
// slot order, and where each slot's values begin. A held event thus costs two allocations for
// its fields, not one per field with a value, and a slot without values costs four bytes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace eql {

// One scalar field value. JSON integers that fit become int64_t, other numbers double.
using Value = std::variant<std::monostate, bool, int64_t, double, std::string>;

inline bool IsNull(const Value& value) { return std::holds_alternative<std::monostate>(value); }

// Every value a field path yields in one event: none (missing), one, or several (multi-valued).
// JSON null, empty arrays and objects (at the end of a path) contribute nothing, and arrays
// are flattened. The event reader resolves paths (engine/io/field_path.hpp).
using FieldValues = std::vector<Value>;

// A read-only view of one slot's values in an EventFields.
class FieldView {
public:
    FieldView() = default;
    FieldView(const Value* begin, const Value* end) : begin_(begin), end_(end) {}

    const Value* begin() const { return begin_; }
    const Value* end() const { return end_; }
    size_t size() const { return static_cast<size_t>(end_ - begin_); }
    bool empty() const { return begin_ == end_; }
    const Value& front() const { return *begin_; }
    const Value& operator[](size_t index) const { return begin_[index]; }
    const Value& at(size_t index) const {
        if (index >= size()) {
            throw std::out_of_range("field value index " + std::to_string(index));
        }
        return begin_[index];
    }

private:
    const Value* begin_ = nullptr;
    const Value* end_ = nullptr;
};

class EventFields {
public:
    EventFields() = default;
    // Builds the fields from one list of values per slot, slot 0 first.
    explicit EventFields(std::vector<FieldValues> by_slot) {
        for (uint32_t slot = 0; slot < by_slot.size(); ++slot) {
            Append(slot, by_slot[slot]);
        }
    }

    // Returns the number of slots held, one past the last slot appended. Later slots are
    // missing.
    size_t size() const { return begins_.size(); }

    // Returns the values of `slot`, or none when the slot is past size().
    FieldView operator[](size_t slot) const {
        if (slot >= begins_.size()) {
            return {};
        }
        size_t end = slot + 1 < begins_.size() ? begins_[slot + 1] : values_.size();
        return FieldView(values_.data() + begins_[slot], values_.data() + end);
    }

    // Returns the values of `slot`, and throws std::out_of_range for a slot past size().
    FieldView at(size_t slot) const {
        if (slot >= begins_.size()) {
            throw std::out_of_range("field slot " + std::to_string(slot));
        }
        return (*this)[slot];
    }

    // Empties the fields; the arrays keep their capacity.
    void Clear() {
        values_.clear();
        begins_.clear();
    }

    // Moves `values` in as the values of `slot`, which must be the last slot appended or a
    // later one. The slots between get no values.
    void Append(uint32_t slot, FieldValues& values) {
        while (begins_.size() <= slot) {
            begins_.push_back(static_cast<uint32_t>(values_.size()));
        }
        for (Value& value : values) {
            values_.push_back(std::move(value));
        }
    }

    // Drops the values of every slot not in `slots` (ascending), keeping the arrays'
    // capacity. The fields then end after the last listed slot that they contained.
    void KeepOnly(const std::vector<uint32_t>& slots) {
        size_t next_value = 0;
        size_t slot_count = 0;
        for (uint32_t slot : slots) {
            if (slot >= begins_.size()) {
                break;
            }
            size_t end = slot + 1 < begins_.size() ? begins_[slot + 1] : values_.size();
            size_t begin = begins_[slot];
            std::fill(begins_.begin() + slot_count, begins_.begin() + slot, next_value);
            begins_[slot] = static_cast<uint32_t>(next_value);
            for (size_t i = begin; i < end; ++i, ++next_value) {
                if (i != next_value) {
                    values_[next_value] = std::move(values_[i]);
                }
            }
            slot_count = slot + 1;
        }
        values_.resize(next_value);
        begins_.resize(slot_count);
    }

    // Moves the values into a new EventFields whose arrays are exactly as large as needed,
    // leaving this one empty with its capacity.
    EventFields TakeCompact() {
        EventFields compact;
        compact.values_.reserve(values_.size());
        for (Value& value : values_) {
            compact.values_.push_back(std::move(value));
        }
        compact.begins_ = begins_;
        Clear();
        return compact;
    }

private:
    std::vector<Value> values_;     // every value, in slot order
    std::vector<uint32_t> begins_;  // by slot: the index in values_ of its first value
};

}  // namespace eql
