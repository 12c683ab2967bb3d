// Names that print without quotes, decided by the grammar's own identifier rule so that the
// printer cannot drift from what the parser accepts.
#include "grammar/words.hpp"

#include <tao/pegtl.hpp>

#include "grammar/lexical.hpp"

namespace eql::grammar::detail {
namespace {

template <typename Rule>
bool MatchesWhole(std::string_view word) {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(word.data(), word.size(), "word");
    return pegtl::parse<pegtl::seq<Rule, pegtl::eof>>(in);
}

}  // namespace

bool IsPlainIdentifier(std::string_view word) {
    return MatchesWhole<identifier>(word);
}

}  // namespace eql::grammar::detail
