// Random text for the substring-search tests, the same for one generator state.
#pragma once

#include <random>
#include <string>
#include <string_view>

namespace eql::testing {

// Returns a line of `length` bytes drawn from `alphabet`.
inline std::string RandomText(std::mt19937& random, size_t length, std::string_view alphabet) {
    std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
    std::string text;
    for (size_t i = 0; i < length; ++i) {
        text.push_back(alphabet[pick(random)]);
    }
    return text;
}

}  // namespace eql::testing
