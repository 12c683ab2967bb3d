// The network family: cidrMatch(ip, block, ...). The blocks are parsed when the call is bound
// (CallContext::prepared holds the CidrSet); a value that is not an address matches nothing.
// Registered by AddNetworkFunctions.
#include "engine/expr/function_registry.hpp"
#include "engine/expr/ip_address.hpp"
#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

Scalar CidrMatch(const Scalar* args, size_t count, const CallContext& context) {
    if (args[0].IsNull()) {
        return Scalar::Null();
    }
    ScalarText text;
    auto address = ParseIpAddress(text.Of(args[0]));
    if (!address) {
        return Scalar::Bool(false);
    }
    if (context.prepared != nullptr) {
        return Scalar::Bool(static_cast<const CidrSet*>(context.prepared)->Contains(*address));
    }

    // Blocks that are not constants are parsed on every call.
    for (size_t i = 1; i < count; ++i) {
        ScalarText block_text;
        auto block = ParseCidrBlock(block_text.Of(args[i]));
        if (block && block->Contains(*address)) {
            return Scalar::Bool(true);
        }
    }
    return Scalar::Bool(false);
}

}  // namespace

void AddNetworkFunctions(std::vector<FunctionSpec>& table) {
    table.push_back({"cidrMatch", "cidrmatch", 2, kVariadic, "expects at least two arguments",
                     false, true, ExprType::kBoolean,
                     {{ArgKind::kIp, false}, {ArgKind::kString, true}}, CidrMatch});
}

}  // namespace eql::expr
