// cidrMatch and IP addresses: IPv4 and IPv6 blocks, IPv4-mapped addresses, bare addresses as
// one-address blocks, values that are not addresses, and bad blocks.
#include <doctest/doctest.h>

#include "engine/expr/ip_address.hpp"
#include "tests/expr/condition_harness.hpp"

namespace eql::expr {
namespace {

using testing::Compile;
using testing::Compiled;
using testing::Holds;

bool InBlock(const char* address, const char* block) {
    auto ip = ParseIpAddress(address);
    auto cidr = ParseCidrBlock(block);
    return ip && cidr && cidr->Contains(*ip);
}

TEST_SUITE("network") {

TEST_CASE("addresses parse in both families") {
    CHECK(ParseIpAddress("10.6.48.157").has_value());
    CHECK(ParseIpAddress("::1").has_value());
    CHECK(ParseIpAddress("fe80::1ff:fe23:4567:890a").has_value());
    CHECK(ParseIpAddress("2001:db8:0:0:0:0:2:1").has_value());
    CHECK(ParseIpAddress("::ffff:10.1.2.3").has_value());
    CHECK(*ParseIpAddress("::ffff:10.1.2.3") == *ParseIpAddress("10.1.2.3"));
    CHECK_FALSE(ParseIpAddress("10.1.2").has_value());
    CHECK_FALSE(ParseIpAddress("10.1.2.256").has_value());
    CHECK_FALSE(ParseIpAddress("010.1.2.3").has_value());
    CHECK_FALSE(ParseIpAddress("1::2::3").has_value());
    CHECK_FALSE(ParseIpAddress("1:2:3:4:5:6:7:8:9").has_value());
    CHECK_FALSE(ParseIpAddress("abc").has_value());
    CHECK_FALSE(ParseIpAddress("").has_value());
}

TEST_CASE("blocks contain the addresses under their prefix") {
    CHECK(InBlock("10.6.48.157", "10.6.48.157/8"));
    CHECK(InBlock("10.255.0.1", "10.0.0.0/8"));
    CHECK_FALSE(InBlock("11.0.0.1", "10.0.0.0/8"));
    CHECK(InBlock("192.168.1.1", "192.168.0.0/16"));
    CHECK(InBlock("1.2.3.4", "0.0.0.0/0"));
    CHECK_FALSE(InBlock("2001:db8::1", "0.0.0.0/0"));
    CHECK(InBlock("2001:db8::1", "::/0"));
    CHECK(InBlock("10.0.0.1", "::/0"));
    CHECK(InBlock("fe80::1", "fe80::/10"));
    CHECK(InBlock("febf::1", "fe80::/10"));
    CHECK_FALSE(InBlock("fec0::1", "fe80::/10"));
    CHECK(InBlock("::1", "::1"));
    CHECK_FALSE(InBlock("::2", "::1"));
    CHECK(InBlock("0.0.0.0", "0.0.0.0"));
    CHECK(InBlock("::ffff:10.1.2.3", "10.0.0.0/8"));
    CHECK(InBlock("10.1.2.3", "::ffff:10.0.0.0/104"));
    CHECK(InBlock("172.16.5.4", "172.16.0.0/12"));
    CHECK_FALSE(InBlock("172.32.0.1", "172.16.0.0/12"));
    CHECK_FALSE(ParseCidrBlock("10.0.0.0/33").has_value());
    CHECK_FALSE(ParseCidrBlock("10.0.0.0/").has_value());
    CHECK_FALSE(ParseCidrBlock("::/129").has_value());
}

TEST_CASE("cidrMatch tests any listed block") {
    CHECK(Holds(R"(cidrMatch(ip, "10.6.48.157/8"))", {{"ip", {std::string("10.6.48.157")}}}));
    CHECK(Holds(R"(cidrMatch(ip, "192.168.0.0/16", "10.0.0.0/8"))",
                {{"ip", {std::string("10.1.1.1")}}}));
    CHECK_FALSE(Holds(R"(cidrMatch(ip, "192.168.0.0/16"))", {{"ip", {std::string("10.1.1.1")}}}));
    CHECK(Holds(R"(cidrMatch(ip, "fe80::/10", "::1"))", {{"ip", {std::string("::1")}}}));
    CHECK(Holds(R"(cidrMatch(ip, "10.0.0.0/8") == true)", {{"ip", {std::string("10.0.0.1")}}}));
    CHECK(Holds(R"(string(cidrMatch(ip, "10.0.0.0/8")) : "true")",
                {{"ip", {std::string("10.0.0.1")}}}));
    CHECK(Holds(R"(cidrMatch(ip, "10.0.0.0/8"))",
                {{"ip", {std::string("8.8.8.8"), std::string("10.0.0.1")}}}));
}

TEST_CASE("a value that is not an address matches no block") {
    CHECK_FALSE(Holds(R"(cidrMatch(ip, "0.0.0.0/0"))", {{"ip", {std::string("-")}}}));
    CHECK(Holds(R"(not cidrMatch(ip, "0.0.0.0/0"))", {{"ip", {std::string("-")}}}));
    CHECK(Holds(R"(ip != null and not cidrMatch(ip, "10.0.0.0/8"))",
                {{"ip", {std::string("8.8.8.8")}}}));
    CHECK_FALSE(Holds(R"(ip != null and not cidrMatch(ip, "10.0.0.0/8"))", {}));
}

TEST_CASE("a bad block is an error on its literal") {
    Compiled compiled = Compile(R"(cidrMatch(ip, "10.0.0.0/8", "10.0.0.0/33"))");
    CHECK_FALSE(compiled.ok());
    REQUIRE(compiled.result.diagnostics.size() == 1);
    CHECK(compiled.result.diagnostics[0].code == "invalid-cidr");
    CHECK(compiled.result.diagnostics[0].message == "invalid CIDR block [10.0.0.0/33]");
    CHECK(compiled.result.diagnostics[0].offset == 38);
    CHECK(compiled.result.diagnostics[0].length == 13);
}

}  // TEST_SUITE
}  // namespace
}  // namespace eql::expr
