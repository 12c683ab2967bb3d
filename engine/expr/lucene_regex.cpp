// A recursive-descent reader of Lucene regular expressions that writes the equivalent RE2
// pattern as it goes. The grammar follows Lucene's RegExp class: union, intersection,
// concatenation, repetition, complement, character classes and simple expressions. Repetition
// operands are wrapped in non-capturing groups, so `a**` and `.*?` keep Lucene's meaning (a
// repeat of a repeat) instead of RE2's lazy or invalid reading. Entry point:
// TranslateLuceneRegex.
#include "engine/expr/lucene_regex.hpp"

#include <cstdio>
#include <optional>
#include <vector>

namespace eql::expr {

namespace {

constexpr int kMaxDepth = 100;

struct Range {
    uint32_t from;
    uint32_t to;
};

// Lucene's predefined classes as code point ranges: \d [0-9], \s [ \t\n\r], \w [a-zA-Z_0-9],
// and their complements.
std::vector<Range> PredefinedRanges(char name) {
    switch (name) {
        case 'd': return {{'0', '9'}};
        case 'D': return {{0, '0' - 1}, {'9' + 1, 0x10FFFF}};
        case 's': return {{'\t', '\n'}, {'\r', '\r'}, {' ', ' '}};
        case 'S': return {{0, '\t' - 1}, {'\n' + 1, '\r' - 1}, {'\r' + 1, ' ' - 1},
                          {' ' + 1, 0x10FFFF}};
        case 'w': return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
        default:  // 'W'
            return {{0, '0' - 1}, {'9' + 1, 'A' - 1}, {'Z' + 1, '_' - 1}, {'_' + 1, 'a' - 1},
                    {'z' + 1, 0x10FFFF}};
    }
}

void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

// Writes one code point so that RE2 reads it literally, inside or outside a class.
void AppendLiteral(std::string& out, uint32_t cp) {
    bool word = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (word || cp >= 0x80) {
        AppendUtf8(out, cp);
        return;
    }
    char hex[16];
    std::snprintf(hex, sizeof(hex), "\\x{%x}", cp);
    out += hex;
}

bool IsAsciiLetter(uint32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }
uint32_t OtherCase(uint32_t cp) { return cp >= 'a' ? cp - 32 : cp + 32; }

// Regex text for the decimal numbers in [low, high] written with exactly `width` digits.
std::string FixedWidthRange(const std::string& low, const std::string& high) {
    if (low.empty()) {
        return "";
    }
    if (low == high) {
        return low;
    }
    if (low[0] == high[0]) {
        return std::string(1, low[0]) + FixedWidthRange(low.substr(1), high.substr(1));
    }
    size_t rest = low.size() - 1;
    std::vector<std::string> parts;
    parts.push_back(std::string(1, low[0]) + FixedWidthRange(low.substr(1), std::string(rest, '9')));
    if (high[0] - low[0] >= 2) {
        std::string middle = "[" + std::string(1, char(low[0] + 1)) + "-" +
                             std::string(1, char(high[0] - 1)) + "]";
        if (rest > 0) {
            middle += "[0-9]{" + std::to_string(rest) + "}";
        }
        parts.push_back(middle);
    }
    parts.push_back(std::string(1, high[0]) + FixedWidthRange(std::string(rest, '0'), high.substr(1)));
    std::string joined = "(?:";
    for (size_t i = 0; i < parts.size(); ++i) {
        joined += (i ? "|" : "") + parts[i];
    }
    return joined + ")";
}

std::string PadTo(int64_t value, size_t width) {
    std::string text = std::to_string(value);
    return std::string(width > text.size() ? width - text.size() : 0, '0') + text;
}

// Lucene's <min-max>: fixed width when both bounds were written with the same number of digits,
// otherwise any number of leading zeros.
std::string IntervalRegex(int64_t min, int64_t max, size_t digits) {
    if (digits > 0) {
        return "(?:" + FixedWidthRange(PadTo(min, digits), PadTo(max, digits)) + ")";
    }
    std::string out = "(?:0*(?:";
    bool first = true;
    int64_t lower_bound = 0;
    for (size_t width = 1; width <= 10; ++width) {
        int64_t upper_bound = lower_bound == 0 ? 9 : lower_bound * 10 - 1;
        int64_t low = std::max(min, lower_bound);
        int64_t high = std::min(max, upper_bound);
        if (low <= high) {
            out += (first ? "" : "|") + FixedWidthRange(PadTo(low, width), PadTo(high, width));
            first = false;
        }
        lower_bound = lower_bound == 0 ? 10 : lower_bound * 10;
    }
    return out + "))";
}

class Translator {
public:
    Translator(std::string_view pattern, bool case_insensitive)
        : pattern_(pattern), fold_(case_insensitive) {}

    RegexTranslation Run() {
        RegexTranslation result;
        std::string body;
        if (!pattern_.empty()) {
            body = Union(0);
            if (error_.empty() && pos_ < pattern_.size()) {
                Fail("end-of-string expected");
            }
        }
        if (!error_.empty()) {
            result.error = error_;
            result.position = uint32_t(error_pos_);
            return result;
        }
        result.ok = true;
        result.re2 = "^(?:" + body + ")$";
        return result;
    }

private:
    bool More() const { return pos_ < pattern_.size() && error_.empty(); }
    char Peek() const { return pattern_[pos_]; }
    bool PeekAny(std::string_view set) const {
        return More() && set.find(Peek()) != std::string_view::npos;
    }
    bool Match(char c) {
        if (More() && Peek() == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    void Fail(std::string message) {
        if (error_.empty()) {
            error_ = std::move(message);
            error_pos_ = pos_;
        }
    }

    // Reads one UTF-8 code point.
    uint32_t Next() {
        if (!More()) {
            Fail("unexpected end-of-string");
            return 0;
        }
        unsigned char lead = static_cast<unsigned char>(pattern_[pos_++]);
        if (lead < 0x80) {
            return lead;
        }
        int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
        uint32_t cp = lead & (0x3F >> extra);
        for (int i = 0; i < extra && pos_ < pattern_.size(); ++i) {
            cp = (cp << 6) | (static_cast<unsigned char>(pattern_[pos_++]) & 0x3F);
        }
        return cp;
    }

    std::string Union(int depth) {
        std::string out = Intersection(depth);
        if (Match('|')) {
            out += "|" + Union(depth);
        }
        return out;
    }

    std::string Intersection(int depth) {
        std::string out = Concatenation(depth);
        if (More() && Peek() == '&') {
            Fail("the intersection operator [&] is not supported; escape it as [\\&] to match "
                 "it literally");
        }
        return out;
    }

    std::string Concatenation(int depth) {
        std::string out;
        while (More() && !PeekAny(")|&")) {
            out += Repeat(depth);
        }
        return out;
    }

    std::string Repeat(int depth) {
        std::string out = Complement(depth);
        while (PeekAny("?*+{")) {
            if (Match('?')) {
                out = "(?:" + out + ")?";
            } else if (Match('*')) {
                out = "(?:" + out + ")*";
            } else if (Match('+')) {
                out = "(?:" + out + ")+";
            } else {
                ++pos_;
                out = Bounds(out);
            }
        }
        return out;
    }

    std::optional<int64_t> Integer() {
        size_t start = pos_;
        while (More() && Peek() >= '0' && Peek() <= '9') {
            ++pos_;
        }
        if (start == pos_ || pos_ - start > 9) {
            Fail("integer expected");
            return std::nullopt;
        }
        return std::stoll(std::string(pattern_.substr(start, pos_ - start)));
    }

    // The body of {n}, {n,} or {n,m}; an inverted range is the empty language, as in Lucene.
    std::string Bounds(const std::string& operand) {
        auto min = Integer();
        std::optional<int64_t> max = min;
        bool open = false;
        if (min && Match(',')) {
            max.reset();
            if (More() && Peek() >= '0' && Peek() <= '9') {
                max = Integer();
            } else {
                open = true;
            }
        }
        if (!min || (!open && !max) || !Match('}')) {
            Fail("expected '}'");
            return "";
        }
        if (open) {
            return "(?:" + operand + "){" + std::to_string(*min) + ",}";
        }
        if (*min > *max) {
            return "[^\\x00-\\x{10ffff}]";
        }
        return "(?:" + operand + "){" + std::to_string(*min) + "," + std::to_string(*max) + "}";
    }

    std::string Complement(int depth) {
        if (More() && Peek() == '~') {
            Fail("the complement operator [~] is not supported; escape it as [\\~] to match it "
                 "literally");
            return "";
        }
        return CharClass(depth);
    }

    std::string CharClass(int depth) {
        if (!Match('[')) {
            return Simple(depth);
        }
        bool negate = Match('^');
        std::string members;
        do {
            ClassMember(members);
        } while (More() && Peek() != ']');
        if (!Match(']')) {
            Fail("expected ']'");
            return "";
        }
        return std::string(negate ? "[^" : "[") + members + "]";
    }

    void ClassMember(std::string& members) {
        if (auto predefined = Predefined()) {
            for (const Range& range : *predefined) {
                AppendRange(members, range);
            }
            return;
        }
        uint32_t first = CharExp();
        if (Match('-')) {
            uint32_t last = CharExp();
            if (first > last) {
                Fail("invalid range: from cannot be greater than to");
                return;
            }
            AppendRange(members, {first, last});
            return;
        }
        AppendLiteral(members, first);
        if (fold_ && IsAsciiLetter(first)) {
            AppendLiteral(members, OtherCase(first));
        }
    }

    static void AppendRange(std::string& members, const Range& range) {
        AppendLiteral(members, range.from);
        if (range.to != range.from) {
            members += "-";
            AppendLiteral(members, range.to);
        }
    }

    // \d \D \s \S \w \W; rejects other escaped letters as Lucene does.
    std::optional<std::vector<Range>> Predefined() {
        if (!More() || Peek() != '\\' || pos_ + 1 >= pattern_.size()) {
            return std::nullopt;
        }
        char name = pattern_[pos_ + 1];
        if (std::string_view("dDsSwW").find(name) != std::string_view::npos) {
            pos_ += 2;
            return PredefinedRanges(name);
        }
        if ((name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z')) {
            Fail(std::string("invalid character class \\") + name);
        }
        return std::nullopt;
    }

    uint32_t CharExp() {
        Match('\\');
        return Next();
    }

    std::string Char(uint32_t cp) {
        std::string out;
        if (fold_ && IsAsciiLetter(cp)) {
            out = "[";
            AppendLiteral(out, cp);
            AppendLiteral(out, OtherCase(cp));
            return out + "]";
        }
        AppendLiteral(out, cp);
        return out;
    }

    std::string Simple(int depth) {
        if (Match('.')) {
            return ".";
        }
        if (Match('#')) {
            return "[^\\x00-\\x{10ffff}]";
        }
        if (Match('@')) {
            return "(?:.*)";
        }
        if (Match('"')) {
            return Quoted();
        }
        if (Match('(')) {
            return Group(depth);
        }
        if (Match('<')) {
            return Interval();
        }
        if (auto predefined = Predefined()) {
            std::string out = "[";
            for (const Range& range : *predefined) {
                AppendRange(out, range);
            }
            return out + "]";
        }
        return Char(CharExp());
    }

    std::string Quoted() {
        std::string out = "(?:";
        while (More() && Peek() != '"') {
            out += Char(Next());
        }
        if (!Match('"')) {
            Fail("expected '\"'");
        }
        return out + ")";
    }

    std::string Group(int depth) {
        if (depth >= kMaxDepth) {
            Fail("groups nested deeper than 100 levels");
            return "";
        }
        if (Match(')')) {
            return "(?:)";
        }
        std::string inner = Union(depth + 1);
        if (!Match(')')) {
            Fail("expected ')'");
        }
        return "(?:" + inner + ")";
    }

    std::string Interval() {
        size_t start = pos_;
        while (More() && Peek() != '>') {
            ++pos_;
        }
        if (!Match('>')) {
            Fail("expected '>'");
            return "";
        }
        std::string_view body = pattern_.substr(start, pos_ - 1 - start);
        size_t dash = body.find('-');
        if (dash == std::string_view::npos) {
            Fail("named automaton <" + std::string(body) + "> is not supported");
            return "";
        }
        std::string_view low = body.substr(0, dash);
        std::string_view high = body.substr(dash + 1);
        auto digits_only = [](std::string_view s) {
            return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == s.npos;
        };
        if (!digits_only(low) || !digits_only(high)) {
            Fail("interval syntax error");
            return "";
        }
        int64_t min = std::stoll(std::string(low));
        int64_t max = std::stoll(std::string(high));
        if (min > max) {
            std::swap(min, max);
        }
        return IntervalRegex(min, max, low.size() == high.size() ? low.size() : 0);
    }

    std::string_view pattern_;
    bool fold_;
    size_t pos_ = 0;
    std::string error_;
    size_t error_pos_ = 0;
};

}  // namespace

RegexTranslation TranslateLuceneRegex(std::string_view pattern, bool case_insensitive) {
    return Translator(pattern, case_insensitive).Run();
}

}  // namespace eql::expr
