// Pattern lists and value sets for `:`, `like`, `regex` and `in`, built once per condition.
#include "engine/expr/matchers.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/expr/string_ops.hpp"
#include "engine/expr/typed_values.hpp"
#include "engine/io/ascii_fold.hpp"

namespace eql::expr {

// Mixes the (folded) text eight bytes at a time, the last word padded with zero bytes, and
// ends with the finalizer of splitmix64 so that every input bit reaches the low bits.
size_t TextHash::operator()(std::string_view text) const {
    constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    uint64_t hash = text.size() * kMultiplier;
    auto mix = [&](uint64_t word) {
        word = fold ? FoldAsciiWord(word) : word;
        hash = (hash ^ word) * kMultiplier;
        hash ^= hash >> 32;
    };
    size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
        uint64_t word = 0;
        std::memcpy(&word, text.data() + at, 8);
        mix(word);
    }
    if (at < text.size()) {
        uint64_t word = 0;
        std::memcpy(&word, text.data() + at, text.size() - at);
        mix(word);
    }
    hash ^= hash >> 30;
    hash *= 0xBF58476D1CE4E5B9ULL;
    hash ^= hash >> 27;
    hash *= 0x94D049BB133111EBULL;
    hash ^= hash >> 31;
    return static_cast<size_t>(hash);
}

bool TextEqual::operator()(std::string_view a, std::string_view b) const {
    return fold ? EqualsFolded(a, b) : a == b;
}

StringMatcher::StringMatcher(Mode mode, bool case_insensitive)
    : mode_(mode),
      fold_(case_insensitive),
      exact_(8, TextHash{case_insensitive}, TextEqual{case_insensitive}) {}

StringMatcher::~StringMatcher() = default;

void StringMatcher::AddPattern(std::string_view pattern) {
    WildcardPattern wildcard(pattern, fold_);
    if (wildcard.has_wildcards()) {
        wildcards_.push_back(std::move(wildcard));
    } else {
        exact_.emplace(pattern);
    }
}

void StringMatcher::AddRegex(std::string re2_pattern) { regex_parts_.push_back(std::move(re2_pattern)); }

std::string StringMatcher::Finish() {
    if (regex_parts_.empty()) {
        return "";
    }
    std::string joined;
    for (size_t i = 0; i < regex_parts_.size(); ++i) {
        joined += (i ? "|" : "") + regex_parts_[i];
    }
    RE2::Options options;
    options.set_log_errors(false);
    options.set_dot_nl(true);
    regex_ = std::make_unique<RE2>(joined, options);
    if (!regex_->ok()) {
        std::string error = regex_->error();
        regex_.reset();
        return error;
    }
    return "";
}

bool StringMatcher::Matches(std::string_view text) const {
    if (!exact_.empty() && exact_.find(text) != exact_.end()) {
        return true;
    }
    for (const WildcardPattern& wildcard : wildcards_) {
        if (wildcard.Matches(text)) {
            return true;
        }
    }
    return regex_ && RE2::PartialMatch(text, *regex_);
}

ValueSet::ValueSet(const std::vector<Scalar>& literals, bool case_insensitive,
                   std::optional<FieldType> field_type)
    : field_type_(field_type),
      strings_(literals.size() * 2 + 8, TextHash{case_insensitive},
               TextEqual{case_insensitive}) {
    for (const Scalar& literal : literals) {
        if (literal.IsNull()) {
            continue;
        }
        ++size_;
        ScalarText text;
        std::string_view as_text = text.Of(literal);
        FieldType type = field_type.value_or(FieldType::kObject);
        switch (type) {
            case FieldType::kIp:
                if (auto ip = ParseIpAddress(as_text)) {
                    ips_.push_back(*ip);
                } else if (auto block = ParseCidrBlock(as_text)) {
                    cidrs_.push_back(*block);
                }
                break;
            case FieldType::kDate:
                if (literal.kind == Scalar::Kind::kLong) {
                    dates_.push_back(literal.integer * 1000000);
                } else if (auto ns = ParseDateNanos(as_text)) {
                    dates_.push_back(*ns);
                }
                break;
            case FieldType::kVersion: versions_.emplace_back(as_text); break;
            case FieldType::kKeyword:
            case FieldType::kText: strings_.emplace(as_text); break;
            default: {
                // Value-directed, and numeric or boolean fields: every reading of the literal.
                bool typed = field_type.has_value() && type != FieldType::kObject &&
                             type != FieldType::kUnsupported;
                if (!typed || type == FieldType::kBoolean) {
                    if (as_text == "true" || (case_insensitive && EqualsFolded(as_text, "true"))) {
                        has_true_ = true;
                    } else if (as_text == "false" ||
                               (case_insensitive && EqualsFolded(as_text, "false"))) {
                        has_false_ = true;
                    }
                }
                if (!typed) {
                    strings_.emplace(as_text);
                }
                if (!typed || type == FieldType::kLong || type == FieldType::kDouble) {
                    if (literal.IsNumber()) {
                        AddNumber(literal);
                    } else if (literal.kind == Scalar::Kind::kString) {
                        if (auto number = ParseJavaNumber(literal.text)) {
                            AddNumber(*number);
                        }
                    }
                }
            }
        }
    }
    std::sort(ips_.begin(), ips_.end());
    std::sort(dates_.begin(), dates_.end());
}

void ValueSet::AddNumber(const Scalar& number) {
    if (number.kind == Scalar::Kind::kLong) {
        longs_.insert(number.integer);
        return;
    }
    double real = number.real;
    if (std::trunc(real) == real && std::fabs(real) < 9.2e18) {
        longs_.insert(int64_t(real));
    } else {
        doubles_.insert(real);
    }
}

bool ValueSet::ContainsNumber(const Scalar& number) const {
    if (number.kind == Scalar::Kind::kLong) {
        return longs_.count(number.integer) > 0;
    }
    double real = number.real;
    if (std::trunc(real) == real && std::fabs(real) < 9.2e18) {
        return longs_.count(int64_t(real)) > 0;
    }
    return doubles_.count(real) > 0;
}

bool ValueSet::Contains(const Scalar& value) const {
    if (value.IsNull()) {
        return false;
    }
    ScalarText text;
    FieldType type = field_type_.value_or(FieldType::kObject);
    switch (type) {
        case FieldType::kKeyword:
        case FieldType::kText: return strings_.find(text.Of(value)) != strings_.end();
        case FieldType::kIp: {
            auto ip = ParseIpAddress(text.Of(value));
            if (!ip) {
                return false;
            }
            if (std::binary_search(ips_.begin(), ips_.end(), *ip)) {
                return true;
            }
            return std::any_of(cidrs_.begin(), cidrs_.end(),
                               [&](const CidrBlock& block) { return block.Contains(*ip); });
        }
        case FieldType::kDate: {
            std::optional<int64_t> ns;
            if (value.kind == Scalar::Kind::kLong) {
                ns = value.integer * 1000000;
            } else if (value.kind == Scalar::Kind::kString) {
                ns = ParseDateNanos(value.text);
            }
            return ns && std::binary_search(dates_.begin(), dates_.end(), *ns);
        }
        case FieldType::kVersion:
            return std::any_of(versions_.begin(), versions_.end(), [&](const std::string& v) {
                return CompareVersions(text.Of(value), v) == 0;
            });
        default: break;
    }

    switch (value.kind) {
        case Scalar::Kind::kString: {
            if (field_type_ == FieldType::kLong || field_type_ == FieldType::kDouble) {
                auto number = ParseJavaNumber(value.text);
                return number && ContainsNumber(*number);
            }
            if (field_type_ == FieldType::kBoolean) {
                return (value.text == "true" && has_true_) || (value.text == "false" && has_false_);
            }
            return strings_.find(value.text) != strings_.end();
        }
        case Scalar::Kind::kLong:
        case Scalar::Kind::kDouble: return ContainsNumber(value);
        case Scalar::Kind::kBool: return value.boolean ? has_true_ : has_false_;
        default: return false;
    }
}

}  // namespace eql::expr
