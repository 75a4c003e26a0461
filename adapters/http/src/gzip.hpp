// gzip (RFC 1952) for bodies the server sends more than once: the web app's
// files, and events' large reads kept by revision (RenderedBodies).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bistime::http::detail {

// `level` as zlib's: 1 (fastest) to 9 (smallest). Throws std::runtime_error
// when zlib fails, which it does only out of memory.
std::string gzip(std::string_view bytes, int level);
// The same, of the pieces as one body, without joining them first.
std::string gzip(const std::vector<std::string>& pieces, int level);

// Whether an Accept-Encoding header allows gzip: named (or "*") without q=0.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace bistime::http::detail
