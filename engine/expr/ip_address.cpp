// Parsing of IP addresses and CIDR blocks, and block membership, for cidrMatch and ip fields.
#include "engine/expr/ip_address.hpp"

#include <charconv>

namespace eql::expr {

namespace {

std::optional<std::array<uint8_t, 4>> ParseIpv4(std::string_view text) {
    std::array<uint8_t, 4> octets{};
    for (int i = 0; i < 4; ++i) {
        size_t dot = text.find('.');
        std::string_view part = i < 3 ? text.substr(0, dot) : text;
        if ((i < 3 && dot == std::string_view::npos) || part.empty() || part.size() > 3 ||
            (part.size() > 1 && part[0] == '0')) {
            return std::nullopt;
        }
        int value = 0;
        auto result = std::from_chars(part.data(), part.data() + part.size(), value);
        if (result.ec != std::errc() || result.ptr != part.data() + part.size() || value > 255) {
            return std::nullopt;
        }
        octets[size_t(i)] = uint8_t(value);
        if (i < 3) {
            text.remove_prefix(dot + 1);
        }
    }
    return octets;
}

std::optional<uint16_t> ParseHextet(std::string_view part) {
    if (part.empty() || part.size() > 4) {
        return std::nullopt;
    }
    uint16_t value = 0;
    auto result = std::from_chars(part.data(), part.data() + part.size(), value, 16);
    if (result.ec != std::errc() || result.ptr != part.data() + part.size()) {
        return std::nullopt;
    }
    return value;
}

// Up to eight 16-bit groups, kept inline so that parsing allocates nothing.
struct Groups {
    std::array<uint16_t, 8> values{};
    size_t count = 0;

    bool Push(uint16_t value) {
        if (count == values.size()) {
            return false;
        }
        values[count++] = value;
        return true;
    }
};

// Splits "a:b:c" into its groups; an IPv4 tail in the last group counts as two groups.
std::optional<Groups> ParseGroups(std::string_view text, bool allow_ipv4_tail) {
    Groups groups;
    if (text.empty()) {
        return groups;
    }
    while (true) {
        size_t colon = text.find(':');
        std::string_view part = text.substr(0, colon);
        if (colon == std::string_view::npos && allow_ipv4_tail &&
            part.find('.') != std::string_view::npos) {
            auto v4 = ParseIpv4(part);
            if (!v4 || !groups.Push(uint16_t((*v4)[0] << 8 | (*v4)[1])) ||
                !groups.Push(uint16_t((*v4)[2] << 8 | (*v4)[3]))) {
                return std::nullopt;
            }
            return groups;
        }
        auto hextet = ParseHextet(part);
        if (!hextet || !groups.Push(*hextet)) {
            return std::nullopt;
        }
        if (colon == std::string_view::npos) {
            return groups;
        }
        text.remove_prefix(colon + 1);
    }
}

std::optional<IpAddress> ParseIpv6(std::string_view text) {
    std::array<uint16_t, 8> groups{};
    size_t gap = text.find("::");
    if (gap == std::string_view::npos) {
        auto all = ParseGroups(text, true);
        if (!all || all->count != 8) {
            return std::nullopt;
        }
        groups = all->values;
    } else {
        auto head = ParseGroups(text.substr(0, gap), false);
        auto tail = ParseGroups(text.substr(gap + 2), true);
        if (!head || !tail || head->count + tail->count > 7 ||
            text.find("::", gap + 1) != std::string_view::npos) {
            return std::nullopt;
        }
        for (size_t i = 0; i < head->count; ++i) {
            groups[i] = head->values[i];
        }
        for (size_t i = 0; i < tail->count; ++i) {
            groups[8 - tail->count + i] = tail->values[i];
        }
    }
    IpAddress address;
    for (size_t i = 0; i < 8; ++i) {
        address.bytes[2 * i] = uint8_t(groups[i] >> 8);
        address.bytes[2 * i + 1] = uint8_t(groups[i] & 0xFF);
    }
    return address;
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
    if (text.find(':') != std::string_view::npos) {
        return ParseIpv6(text);
    }
    auto v4 = ParseIpv4(text);
    if (!v4) {
        return std::nullopt;
    }
    IpAddress address;
    address.bytes[10] = 0xFF;
    address.bytes[11] = 0xFF;
    for (size_t i = 0; i < 4; ++i) {
        address.bytes[12 + i] = (*v4)[i];
    }
    return address;
}

bool CidrBlock::Contains(const IpAddress& address) const {
    int full_bytes = prefix / 8;
    for (int i = 0; i < full_bytes; ++i) {
        if (address.bytes[size_t(i)] != base.bytes[size_t(i)]) {
            return false;
        }
    }
    int rest = prefix % 8;
    if (rest == 0) {
        return true;
    }
    uint8_t mask = uint8_t(0xFF << (8 - rest));
    return (address.bytes[size_t(full_bytes)] & mask) == base.bytes[size_t(full_bytes)];
}

std::optional<CidrBlock> ParseCidrBlock(std::string_view text) {
    size_t slash = text.find('/');
    auto address = ParseIpAddress(text.substr(0, slash));
    if (!address) {
        return std::nullopt;
    }
    bool v4 = text.substr(0, slash).find(':') == std::string_view::npos;
    int max_prefix = v4 ? 32 : 128;
    int prefix = max_prefix;
    if (slash != std::string_view::npos) {
        std::string_view digits = text.substr(slash + 1);
        auto result = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (digits.empty() || result.ec != std::errc() ||
            result.ptr != digits.data() + digits.size() || prefix < 0 || prefix > max_prefix) {
            return std::nullopt;
        }
    }

    // Mask the host bits so Contains can compare whole bytes.
    CidrBlock block;
    block.prefix = v4 ? prefix + 96 : prefix;
    block.base = *address;
    for (int bit = block.prefix; bit < 128; ++bit) {
        block.base.bytes[size_t(bit / 8)] &= uint8_t(~(0x80 >> (bit % 8)));
    }
    return block;
}

}  // namespace eql::expr
