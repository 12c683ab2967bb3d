// EventLayout bookkeeping and the ordering of events and values.
#include "engine/io/event.hpp"

#include <cmath>

namespace eql {

uint32_t EventLayout::AddField(std::string_view path) {
    auto found = slots_.find(std::string(path));
    if (found != slots_.end()) {
        return found->second;
    }
    uint32_t slot = static_cast<uint32_t>(fields_.size());
    fields_.emplace_back(path);
    slots_.emplace(std::string(path), slot);
    return slot;
}

uint32_t EventLayout::AddClock(const ClockSpec& spec) {
    for (uint32_t i = 0; i < clocks_.size(); ++i) {
        if (clocks_[i] == spec) {
            return i;
        }
    }
    clocks_.push_back(spec);
    return static_cast<uint32_t>(clocks_.size() - 1);
}

namespace {

int KindRank(const Value& value) {
    switch (value.index()) {
        case 0: return 0;
        case 1: return 1;
        case 2:
        case 3: return 2;
        default: return 3;
    }
}

int CompareNumbers(const Value& a, const Value& b) {
    if (std::holds_alternative<int64_t>(a) && std::holds_alternative<int64_t>(b)) {
        int64_t x = std::get<int64_t>(a);
        int64_t y = std::get<int64_t>(b);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    double x = std::holds_alternative<int64_t>(a) ? double(std::get<int64_t>(a)) : std::get<double>(a);
    double y = std::holds_alternative<int64_t>(b) ? double(std::get<int64_t>(b)) : std::get<double>(b);
    return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace

int CompareValues(const Value& a, const Value& b) {
    int rank_a = KindRank(a);
    int rank_b = KindRank(b);
    if (rank_a != rank_b) {
        return rank_a < rank_b ? -1 : 1;
    }
    switch (rank_a) {
        case 0: return 0;
        case 1: return int(std::get<bool>(a)) - int(std::get<bool>(b));
        case 2: return CompareNumbers(a, b);
        default: {
            int order = std::get<std::string>(a).compare(std::get<std::string>(b));
            return order < 0 ? -1 : (order > 0 ? 1 : 0);
        }
    }
}

bool OrdinalLess(const Event& a, const Event& b, uint32_t clock) {
    const Ordinal& x = a.ordinals[clock];
    const Ordinal& y = b.ordinals[clock];
    if (x.timestamp_ns != y.timestamp_ns) {
        return x.timestamp_ns < y.timestamp_ns;
    }
    if (x.has_tiebreaker != y.has_tiebreaker) {
        return x.has_tiebreaker;
    }
    if (x.has_tiebreaker) {
        int order = CompareValues(x.tiebreaker, y.tiebreaker);
        if (order != 0) {
            return order < 0;
        }
    }
    return a.input_order < b.input_order;
}

}  // namespace eql
