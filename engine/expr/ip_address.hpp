// IPv4 and IPv6 addresses and CIDR blocks, for cidrMatch and for comparisons on ip fields.
// IPv4 addresses are kept in their IPv4-mapped IPv6 form (::ffff:a.b.c.d), so an IPv4 address
// and its mapped form compare equal and match the same blocks.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace eql::expr {

struct IpAddress {
    std::array<uint8_t, 16> bytes{};

    bool operator==(const IpAddress&) const = default;
    auto operator<=>(const IpAddress&) const = default;
};

// Parses dotted-quad IPv4 (no leading zeros) or IPv6 text (with `::` and an optional embedded
// IPv4 tail). Nothing when the text is not an address.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

struct CidrBlock {
    IpAddress base;   // masked to the prefix
    int prefix = 0;   // in bits of the 128-bit form

    bool Contains(const IpAddress& address) const;
};

// Parses "address/prefix" or a bare address (a block of one). The prefix counts IPv4 bits for
// an IPv4 address. Nothing when the text is not a valid block.
std::optional<CidrBlock> ParseCidrBlock(std::string_view text);

// The blocks of one cidrMatch call, parsed once when they are constants.
struct CidrSet {
    std::vector<CidrBlock> blocks;

    bool Contains(const IpAddress& address) const {
        for (const CidrBlock& block : blocks) {
            if (block.Contains(address)) {
                return true;
            }
        }
        return false;
    }
};

}  // namespace eql::expr
