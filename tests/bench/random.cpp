// Text helpers of the benchmark generator's Rng: hexadecimal digits, base64 characters and UUIDs.
#include "tests/bench/random.hpp"

namespace eql::bench {

void Rng::AppendHex(std::string& out, size_t count) {
    static constexpr char kDigits[] = "0123456789abcdef";
    uint64_t bits = 0;
    for (size_t i = 0; i < count; ++i) {
        if (i % 16 == 0) {
            bits = Next();
        }
        out.push_back(kDigits[bits & 15]);
        bits >>= 4;
    }
}

void Rng::AppendBase64(std::string& out, size_t count) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint64_t bits = 0;
    for (size_t i = 0; i < count; ++i) {
        if (i % 10 == 0) {
            bits = Next();
        }
        out.push_back(kAlphabet[bits & 63]);
        bits >>= 6;
    }
}

std::string Rng::Uuid() {
    std::string text;
    text.reserve(36);
    AppendHex(text, 8);
    text.push_back('-');
    AppendHex(text, 4);
    text += "-4";
    AppendHex(text, 3);
    text.push_back('-');
    text.push_back("89ab"[Below(4)]);
    AppendHex(text, 3);
    text.push_back('-');
    AppendHex(text, 12);
    return text;
}

}  // namespace eql::bench
