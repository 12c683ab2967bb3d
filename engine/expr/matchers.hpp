// The compiled right-hand sides of `:`, `like`, `regex` and `in`: StringMatcher holds the
// alternatives of one pattern list (exact strings in a hash set, wildcard patterns, one RE2
// program for all regular expressions), and ValueSet the constants of an `in` list, hashed so
// that a list of 10,000 values costs one lookup.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/check/schema.hpp"
#include "engine/expr/ip_address.hpp"
#include "engine/expr/scalar.hpp"
#include "engine/expr/wildcard.hpp"

namespace re2 {
class RE2;
}

namespace eql::expr {

// Hashing and equality over string_view, optionally folding ASCII case; transparent, so a
// lookup by string_view allocates nothing.
struct TextHash {
    bool fold = false;
    using is_transparent = void;
    size_t operator()(std::string_view text) const;
};
struct TextEqual {
    bool fold = false;
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
};
using TextSet = std::unordered_set<std::string, TextHash, TextEqual>;

class StringMatcher {
public:
    enum class Mode { kColon, kLike, kRegex };

    StringMatcher(Mode mode, bool case_insensitive);
    ~StringMatcher();

    // Adds a wildcard or exact alternative (kColon, kLike).
    void AddPattern(std::string_view pattern);
    // Adds the RE2 translation of one regex alternative (kRegex); Finish compiles them.
    void AddRegex(std::string re2_pattern);
    // Compiles the regex alternatives; returns RE2's error text, empty on success.
    std::string Finish();

    bool Matches(std::string_view text) const;

    Mode mode() const { return mode_; }
    bool case_insensitive() const { return fold_; }

private:
    Mode mode_;
    bool fold_;
    TextSet exact_;
    std::vector<WildcardPattern> wildcards_;
    std::vector<std::string> regex_parts_;
    std::unique_ptr<re2::RE2> regex_;
};

class ValueSet {
public:
    // `field_type` coerces the literals to the field's type when a schema gives one.
    ValueSet(const std::vector<Scalar>& literals, bool case_insensitive,
             std::optional<FieldType> field_type);

    // True when the non-null `value` equals one of the literals.
    bool Contains(const Scalar& value) const;
    size_t size() const { return size_; }

private:
    void AddNumber(const Scalar& number);
    bool ContainsNumber(const Scalar& number) const;

    std::optional<FieldType> field_type_;
    TextSet strings_;
    std::unordered_set<int64_t> longs_;
    std::unordered_set<double> doubles_;
    bool has_true_ = false;
    bool has_false_ = false;
    std::vector<IpAddress> ips_;
    std::vector<CidrBlock> cidrs_;
    std::vector<int64_t> dates_;
    std::vector<std::string> versions_;
    size_t size_ = 0;
};

}  // namespace eql::expr
