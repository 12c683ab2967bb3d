// The action template of the grammar, specialised in expression_actions.hpp and
// query_actions.hpp, and a helper to turn a match into a span of the query text.
#pragma once

#include <tao/pegtl.hpp>

#include "grammar/ast.hpp"
#include "grammar/builder.hpp"

namespace eql::grammar::detail {

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

template <typename Input>
ast::Span SpanOf(const Input& in, const Builder& builder) {
    return builder.SpanOf(in.begin(), in.end());
}

}  // namespace eql::grammar::detail
