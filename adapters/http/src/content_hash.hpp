// Cache validators: a fast 64-bit hash of bytes (FNV-1a) for ETags — it tells
// versions of a body apart, nothing more; never use it for secrets — and the
// header parsing that compares them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bistime::http::detail {

std::uint64_t content_hash(std::string_view bytes, std::uint64_t seed = 14695981039346656037ull);
// The hash as 16 lower-case hex digits.
std::string hex(std::uint64_t value);
// The items of a comma-separated header value, each without surrounding
// spaces or tabs; empty items are dropped ("a, b,,c" → a, b, c).
std::vector<std::string_view> header_items(std::string_view value);
// Whether an If-None-Match header value names `etag` (quoted, strong), or is
// "*". Weak forms (W/"…") match too, as RFC 9110 asks for GET.
bool etag_matches(std::string_view if_none_match, std::string_view etag);
// The opaque part of the first entity tag an If-None-Match names, without
// W/ and quotes ("\"r12\", \"x\"" → r12); empty when there is none.
std::string_view first_etag(std::string_view if_none_match);

}  // namespace bistime::http::detail
