// Grammar analysis: PEGTL's analyze() finds no rule that can loop without consuming input.
#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/query.hpp"

TEST_SUITE("grammar analyze") {
    TEST_CASE("the grammar has no analysis issues") {
        // A verbosity of -1 keeps analyze() silent; the count is what the test needs.
        CHECK(tao::pegtl::analyze<eql::grammar::statement>(-1) == 0);
    }

    TEST_CASE("analyze reports a non-consuming loop") {
        namespace pegtl = tao::pegtl;
        CHECK(pegtl::analyze<pegtl::star<pegtl::opt<pegtl::one<'a'>>>>(-1) > 0);
    }
}
