// The string family: between, concat, endsWith, indexOf, length, startsWith, stringContains and
// substring. Positions and lengths count UTF-16 code units, as Java strings do; case folding
// (the `~` forms) covers ASCII letters only. Registered by AddStringFunctions.
#include <cmath>

#include "engine/expr/function_registry.hpp"
#include "engine/expr/string_ops.hpp"

namespace eql::expr {

namespace {

std::optional<int64_t> IntegerArg(const Scalar& value) {
    if (value.kind == Scalar::Kind::kLong) {
        return value.integer;
    }
    if (value.kind == Scalar::Kind::kDouble && std::isfinite(value.real)) {
        return int64_t(std::trunc(value.real));
    }
    return std::nullopt;
}

bool AnyNull(const Scalar* args, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        if (args[i].IsNull()) {
            return true;
        }
    }
    return false;
}

Scalar Text(const CallContext& context, std::string_view text) {
    std::string& slot = context.scratch->Next();
    slot.assign(text);
    return Scalar::String(slot);
}

Scalar Between(const Scalar* args, size_t count, const CallContext& context) {
    if (AnyNull(args, count)) {
        return Scalar::Null();
    }
    ScalarText source_text, left_text, right_text;
    std::string_view source = source_text.Of(args[0]);
    std::string_view left = left_text.Of(args[1]);
    std::string_view right = right_text.Of(args[2]);
    bool greedy = count > 3 && args[3].kind == Scalar::Kind::kBool && args[3].boolean;
    bool fold = context.case_insensitive;
    if (source.empty() || left.empty() || right.empty()) {
        return Text(context, source);
    }

    size_t found = Find(source, left, 0, fold);
    if (found == std::string_view::npos) {
        return Text(context, "");
    }
    size_t start = found + left.size();
    size_t end = greedy ? FindLast(source, right, fold) : Find(source, right, start, fold);
    if (end == std::string_view::npos) {
        return Text(context, "");
    }
    // A greedy right delimiter found before the left one makes Java's substring fail.
    if (end < start) {
        return Scalar::Null();
    }
    return Text(context, source.substr(start, end - start));
}

Scalar Concat(const Scalar* args, size_t count, const CallContext& context) {
    if (AnyNull(args, count)) {
        return Scalar::Null();
    }
    std::string& out = context.scratch->Next();
    for (size_t i = 0; i < count; ++i) {
        AppendJavaString(args[i], out);
    }
    return Scalar::String(out);
}

Scalar EndsWithCall(const Scalar* args, size_t count, const CallContext& context) {
    if (AnyNull(args, count)) {
        return Scalar::Null();
    }
    ScalarText text, suffix;
    return Scalar::Bool(EndsWith(text.Of(args[0]), suffix.Of(args[1]), context.case_insensitive));
}

Scalar StartsWithCall(const Scalar* args, size_t count, const CallContext& context) {
    if (AnyNull(args, count)) {
        return Scalar::Null();
    }
    ScalarText text, prefix;
    return Scalar::Bool(
        StartsWith(text.Of(args[0]), prefix.Of(args[1]), context.case_insensitive));
}

// Java's substring test: an empty haystack or needle is false.
// Known gap: Elasticsearch's pushed-down form builds the wildcard `*needle*` unescaped, so there
// `*` and `?` in the needle match anything and an empty needle matches every present value; here
// the needle is always literal, as in Elasticsearch's script path.
Scalar StringContains(const Scalar* args, size_t count, const CallContext& context) {
    if (AnyNull(args, count)) {
        return Scalar::Null();
    }
    ScalarText text_buffer, needle_buffer;
    std::string_view text = text_buffer.Of(args[0]);
    std::string_view needle = needle_buffer.Of(args[1]);
    if (text.empty() || needle.empty()) {
        return Scalar::Bool(false);
    }
    return Scalar::Bool(Find(text, needle, 0, context.case_insensitive) != std::string_view::npos);
}

// String.indexOf(needle, start): a negative start counts as 0, no occurrence gives null, and an
// empty needle returns the start clamped to the length.
Scalar IndexOf(const Scalar* args, size_t count, const CallContext& context) {
    if (AnyNull(args, count)) {
        return Scalar::Null();
    }
    ScalarText text_buffer, needle_buffer;
    std::string_view text = text_buffer.Of(args[0]);
    std::string_view needle = needle_buffer.Of(args[1]);
    int64_t start = 0;
    if (count > 2) {
        auto given = IntegerArg(args[2]);
        if (!given) {
            return Scalar::Null();
        }
        start = std::max<int64_t>(*given, 0);
    }
    int64_t length = Utf16Length(text);
    if (needle.empty()) {
        return Scalar::Long(std::min(start, length));
    }
    if (start >= length) {
        return Scalar::Null();
    }
    size_t found = Find(text, needle, Utf16ToByte(text, start), context.case_insensitive);
    if (found == std::string_view::npos) {
        return Scalar::Null();
    }
    return Scalar::Long(ByteToUtf16(text, found));
}

Scalar Length(const Scalar* args, size_t count, const CallContext&) {
    if (AnyNull(args, count)) {
        return Scalar::Null();
    }
    ScalarText text;
    return Scalar::Long(Utf16Length(text.Of(args[0])));
}

// Python-style slicing in UTF-16 units: negative indexes count from the end, both are clamped
// to [0, length], and start >= end gives "". A null start returns the source unchanged.
Scalar Substring(const Scalar* args, size_t count, const CallContext& context) {
    if (args[0].IsNull()) {
        return Scalar::Null();
    }
    ScalarText text_buffer;
    std::string_view text = text_buffer.Of(args[0]);
    if (args[1].IsNull()) {
        return Text(context, text);
    }
    auto start = IntegerArg(args[1]);
    int64_t length = Utf16Length(text);
    std::optional<int64_t> end = length;
    if (count > 2 && !args[2].IsNull()) {
        end = IntegerArg(args[2]);
    }
    if (!start || !end) {
        return Scalar::Null();
    }
    int64_t from = *start < 0 ? std::max<int64_t>(*start + length, 0) : *start;
    int64_t to = *end < 0 ? std::max<int64_t>(*end + length, 0) : std::min(*end, length);
    if (from >= to) {
        return Text(context, "");
    }
    size_t byte_from = Utf16ToByte(text, from);
    size_t byte_to = Utf16ToByte(text, to);
    return Text(context, text.substr(byte_from, byte_to - byte_from));
}

constexpr ArgRule kString{ArgKind::kString, false};
constexpr ArgRule kInteger{ArgKind::kInteger, false};
constexpr ArgRule kBoolean{ArgKind::kBoolean, false};
constexpr ArgRule kAny{ArgKind::kAny, false};

}  // namespace

void AddStringFunctions(std::vector<FunctionSpec>& table) {
    table.push_back({"between", "between", 3, 4, "expects three or four arguments", true, false,
                     ExprType::kKeyword, {kString, kString, kString, kBoolean}, Between});
    table.push_back({"concat", "concat", 1, kVariadic, "expects at least one argument", false,
                     false, ExprType::kKeyword, {kAny}, Concat});
    table.push_back({"endsWith", "endswith", 2, 2, "expects exactly two arguments", true, true,
                     ExprType::kBoolean, {kString, kString}, EndsWithCall});
    table.push_back({"indexOf", "indexof", 2, 3, "expects two or three arguments", true, false,
                     ExprType::kInteger, {kString, kString, kInteger}, IndexOf});
    table.push_back({"length", "length", 1, 1, "expects exactly one argument", false, false,
                     ExprType::kInteger, {kString}, Length});
    table.push_back({"startsWith", "startswith", 2, 2, "expects exactly two arguments", true,
                     true, ExprType::kBoolean, {kString, kString}, StartsWithCall});
    table.push_back({"stringContains", "stringcontains", 2, 2, "expects exactly two arguments",
                     true, true, ExprType::kBoolean, {kString, kString}, StringContains});
    table.push_back({"substring", "substring", 2, 3, "expects two or three arguments", false,
                     false, ExprType::kKeyword, {kString, kInteger, kInteger}, Substring});
}

}  // namespace eql::expr
