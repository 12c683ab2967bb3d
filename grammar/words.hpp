// Names that can be written without backquotes or quotes, for the printer.
#pragma once

#include <string_view>

namespace eql::grammar::detail {

// True when `word` reads as an identifier token: a letter, '_' or '@', then letters, digits
// and '_', and not a reserved word.
bool IsPlainIdentifier(std::string_view word);

}  // namespace eql::grammar::detail
