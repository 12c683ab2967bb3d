// Translation of `regex` / `regex~` patterns from Lucene's regular-expression syntax (what
// Elasticsearch's regexp query accepts, with every optional operator enabled) into RE2 syntax.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eql::expr {

struct RegexTranslation {
    bool ok = false;
    std::string re2;      // anchored: ^(?:...)$, for RE2 with dot_nl set; set when ok
    std::string error;    // why the pattern was rejected; set when !ok
    uint32_t position = 0;  // byte offset in the pattern where the problem was found
};

// Translates `pattern`. With `case_insensitive`, single ASCII characters match both cases and
// ranges do not, as Lucene's ASCII_CASE_INSENSITIVE flag behaves. Intersection (`&`),
// complement (`~`) and named automata (`<name>`) cannot be expressed in RE2 and are rejected;
// numeric intervals (`<1-99>`) are expanded. Nesting deeper than 100 groups is rejected.
RegexTranslation TranslateLuceneRegex(std::string_view pattern, bool case_insensitive);

}  // namespace eql::expr
