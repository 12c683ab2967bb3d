// The conversion family: number(text[, base]) and string(value). number() follows
// Elasticsearch: decimal text becomes a long, else a double; a "0x" prefix means base 16 when
// no base (or base 16) is given; other bases use Long.parseLong. Text that does not convert
// gives null, where Elasticsearch fails the search. Registered by AddConversionFunctions.
#include "engine/expr/function_registry.hpp"
#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

Scalar Number(const Scalar* args, size_t count, const CallContext&) {
    if (args[0].IsNull()) {
        return Scalar::Null();
    }
    ScalarText buffer;
    std::string_view text = buffer.Of(args[0]);
    bool hex_prefix = text.substr(0, 2) == "0x";
    int64_t radix = hex_prefix ? 16 : 10;
    if (count > 1 && !args[1].IsNull()) {
        if (args[1].kind != Scalar::Kind::kLong) {
            return Scalar::Null();
        }
        radix = args[1].integer;
    }
    if (hex_prefix && radix == 16) {
        text.remove_prefix(2);
    }
    if (radix == 10) {
        return ParseJavaNumber(text).value_or(Scalar::Null());
    }
    auto value = ParseLongRadix(text, radix);
    return value ? Scalar::Long(*value) : Scalar::Null();
}

Scalar String(const Scalar* args, size_t, const CallContext& context) {
    std::string& out = context.scratch->Next();
    if (!AppendJavaString(args[0], out)) {
        return Scalar::Null();
    }
    return Scalar::String(out);
}

}  // namespace

void AddConversionFunctions(std::vector<FunctionSpec>& table) {
    table.push_back({"number", "number", 1, 2, "expects one or two arguments", false, false,
                     ExprType::kDouble, {{ArgKind::kString, false}, {ArgKind::kInteger, false}},
                     Number});
    table.push_back({"string", "string", 1, 1, "expects exactly one argument", false, false,
                     ExprType::kKeyword, {{ArgKind::kAny, false}}, String});
}

}  // namespace eql::expr
