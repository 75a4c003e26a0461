// Text rules shared by the use cases: trimming and length in characters.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bistime/core/result.hpp"

namespace bistime {

// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

// The number of Unicode code points in `text`, or nullopt when it is not
// valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

// `text` with every byte that does not belong to well-formed UTF-8 replaced
// by U+FFFD, so that it can be echoed (in an error message, say) safely.
std::string valid_utf8(std::string_view text);

// Trims `text` and checks that it holds min..max characters of valid UTF-8.
// Errors: invalid, for `field`.
Result<std::string> require_text(std::string_view field, std::string_view text, std::size_t min,
                                 std::size_t max);

}  // namespace bistime
