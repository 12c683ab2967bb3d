// Schema-based findings on a parsed query. They report fields that no schema defines, and
// fields used in a way their type does not allow: ':' on a number, cidrMatch on a keyword, an
// `in` list of the wrong type, or join keys of different types across sequence stages.
#pragma once

#include <vector>

#include "eql/diagnostic.hpp"
#include "engine/check/schema.hpp"
#include "grammar/ast.hpp"

namespace eql {

struct FieldCheckOptions {
    // Reports a field compared with a literal of the other kind (`process.pid == "4"`,
    // `event.code == 4624`) as an error instead of a warning. Elasticsearch accepts both and
    // converts the literal when the search runs, but detection-rules' Python validator rejects
    // them. Default false: warnings.
    bool strict_comparisons = false;
};

// Checks every field reference of `query` against `schema` and returns the findings in query
// order. Each diagnostic spans the field, or the literal that does not fit it.
//
// Codes, with their severity:
//   unknown-field            warning  no schema defines the field and it is not written `?field`
//   object-field             error    the field is an object, nested or flattened container
//   unsupported-field-type   error    the field's type (geo_point, binary...) is unusable in EQL
//   nested-field             error    the field sits inside a `nested` container
//   text-field               error    text without a keyword sub-field
//   non-string-field         error    ':', like or regex on a field that is not a string
//   non-ip-field             error    cidrMatch on a field that is not an ip
//   in-type-mismatch         error    an `in` list value of another type than the field
//   comparison-type-mismatch warning  a string compared with a number (error when strict)
//   join-key-type            error    a sequence key whose type differs from the first stage's
// A field whose type is unknown takes part in no type check. The argument types of the other
// functions, arithmetic operands and boolean conditions are the verifier's to check.
std::vector<Diagnostic> CheckFields(const ast::Query& query, const Schema& schema,
                                    const FieldCheckOptions& options = {});

}  // namespace eql
