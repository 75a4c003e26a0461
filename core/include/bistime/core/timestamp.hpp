// Instants on the wire: ISO-8601 / RFC 3339 timestamps.
#pragma once

#include <string>
#include <string_view>

#include "bistime/core/event.hpp"
#include "bistime/core/result.hpp"

namespace bistime {

// "2026-11-23T09:15:02Z" (UTC, whole seconds).
std::string format_timestamp(UnixSeconds seconds);
// Reads "YYYY-MM-DDTHH:MM[:SS][.fraction](Z|±HH:MM)"; the fraction is dropped.
// Errors: invalid (field `field`).
Result<UnixSeconds> parse_timestamp(std::string_view text, std::string_view field = "timestamp");

}  // namespace bistime
