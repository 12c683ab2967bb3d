// Pipe rules: `| name arg, arg`. Any identifier parses as a pipe name and any expressions as its
// arguments, so that the builder can give Elasticsearch's message for an unknown or
// unsupported pipe and for wrong arguments to `head` and `tail`.
#pragma once

#include "grammar/expression.hpp"

namespace eql::grammar {

// clang-format off

struct pipe_name : identifier {};
struct pipe_argument : pegtl::seq<expression> {};
struct pipe_next_argument : pegtl::seq<expression> {};
struct pipe_arguments
    : pegtl::seq<pipe_argument,
                 pegtl::star<skip, pegtl::one<','>, skip, pegtl::must<pipe_next_argument>>> {};
struct pipe
    : pegtl::seq<pegtl::one<'|'>, skip, pegtl::must<pipe_name>,
                 pegtl::opt<skip, pipe_arguments>> {};

// clang-format on

}  // namespace eql::grammar
