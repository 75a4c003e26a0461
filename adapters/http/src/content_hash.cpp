#include "content_hash.hpp"

namespace bistime::http::detail {

std::uint64_t content_hash(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t hash = seed;
    for (const unsigned char byte : bytes) {
        hash ^= byte;
        hash *= 1099511628211ull;
    }
    return hash;
}

std::string hex(std::uint64_t value) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 15; i >= 0; --i) {
        text[static_cast<std::size_t>(i)] = k_digits[value & 0xf];
        value >>= 4;
    }
    return text;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    std::size_t start = 0;
    while (start < if_none_match.size()) {
        auto comma = if_none_match.find(',', start);
        if (comma == std::string_view::npos) {
            comma = if_none_match.size();
        }
        std::string_view candidate = if_none_match.substr(start, comma - start);
        while (!candidate.empty() && (candidate.front() == ' ' || candidate.front() == '\t')) {
            candidate.remove_prefix(1);
        }
        while (!candidate.empty() && (candidate.back() == ' ' || candidate.back() == '\t')) {
            candidate.remove_suffix(1);
        }
        if (candidate.substr(0, 2) == "W/") {
            candidate.remove_prefix(2);
        }
        if (candidate == "*" || candidate == etag) {
            return true;
        }
        start = comma + 1;
    }
    return false;
}

}  // namespace bistime::http::detail
