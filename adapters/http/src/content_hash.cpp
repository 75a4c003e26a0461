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

std::vector<std::string_view> header_items(std::string_view value) {
    std::vector<std::string_view> items;
    std::size_t start = 0;
    while (start <= value.size()) {
        auto comma = value.find(',', start);
        if (comma == std::string_view::npos) {
            comma = value.size();
        }
        std::string_view item = value.substr(start, comma - start);
        const auto first = item.find_first_not_of(" \t");
        if (first != std::string_view::npos) {
            item = item.substr(first, item.find_last_not_of(" \t") - first + 1);
            items.push_back(item);
        }
        start = comma + 1;
    }
    return items;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    for (std::string_view candidate : header_items(if_none_match)) {
        if (candidate.substr(0, 2) == "W/") {
            candidate.remove_prefix(2);
        }
        if (candidate == "*" || candidate == etag) {
            return true;
        }
    }
    return false;
}

std::string_view first_etag(std::string_view if_none_match) {
    for (std::string_view candidate : header_items(if_none_match)) {
        if (candidate.substr(0, 2) == "W/") {
            candidate.remove_prefix(2);
        }
        if (candidate.size() >= 2 && candidate.front() == '"' && candidate.back() == '"') {
            return candidate.substr(1, candidate.size() - 2);
        }
    }
    return {};
}

}  // namespace bistime::http::detail
