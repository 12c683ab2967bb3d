// Scalar: a non-owning view of one value while a condition is evaluated. Field values, literals
// and function results all pass through this type, so evaluation copies no strings; text results
// of functions live in a ScratchStrings pool that is reused from one event to the next.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "engine/io/event.hpp"

namespace eql::expr {

struct Scalar {
    enum class Kind : uint8_t { kNull, kBool, kLong, kDouble, kString };

    Kind kind = Kind::kNull;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0;
    std::string_view text;

    static Scalar Null() { return {}; }
    static Scalar Bool(bool value) {
        Scalar s;
        s.kind = Kind::kBool;
        s.boolean = value;
        return s;
    }
    static Scalar Long(int64_t value) {
        Scalar s;
        s.kind = Kind::kLong;
        s.integer = value;
        return s;
    }
    static Scalar Double(double value) {
        Scalar s;
        s.kind = Kind::kDouble;
        s.real = value;
        return s;
    }
    static Scalar String(std::string_view value) {
        Scalar s;
        s.kind = Kind::kString;
        s.text = value;
        return s;
    }

    bool IsNull() const { return kind == Kind::kNull; }
    bool IsNumber() const { return kind == Kind::kLong || kind == Kind::kDouble; }
    double AsDouble() const { return kind == Kind::kLong ? double(integer) : real; }
};

// Views `value`; the view is valid as long as `value` is.
Scalar ToScalar(const Value& value);
// Copies `scalar` into an owning Value.
Value ToValue(const Scalar& scalar);

// Strings that function results point into during one evaluation. Reset() keeps the buffers'
// capacity, so a steady state allocates nothing; a deque keeps earlier views valid on growth.
class ScratchStrings {
public:
    std::string& Next() {
        if (used_ == pool_.size()) {
            pool_.emplace_back();
        }
        std::string& slot = pool_[used_++];
        slot.clear();
        return slot;
    }
    void Reset() { used_ = 0; }

private:
    std::deque<std::string> pool_;
    size_t used_ = 0;
};

}  // namespace eql::expr
