#include "request_target.hpp"

namespace bistime::http::detail {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (plus_is_space && text[i] == '+') {
            out.push_back(' ');
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

bool starts_without_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c =
            text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (c != prefix[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string origin_form(std::string_view target) {
    std::size_t scheme = 0;
    if (starts_without_case(target, "http://")) {
        scheme = 7;
    } else if (starts_without_case(target, "https://")) {
        scheme = 8;
    } else {
        return std::string(target);
    }
    const std::size_t path = target.find_first_of("/?#", scheme);
    if (path == std::string_view::npos) {
        return "/";
    }
    const std::string_view rest = target.substr(path);
    return rest.front() == '/' ? std::string(rest) : "/" + std::string(rest);
}

std::optional<std::string> RequestTarget::query_value(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<RequestTarget> parse_request_target(std::string_view target) {
    if (target.empty() || target.front() != '/') {
        return std::nullopt;
    }
    RequestTarget parsed;
    const auto question = target.find('?');
    const std::string_view path = target.substr(0, question);
    parsed.path = std::string(path);
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto slash = std::min(path.find('/', start), path.size());
        const auto segment = path.substr(start, slash - start);
        if (!segment.empty()) {
            auto decoded = percent_decode(segment, false);
            if (!decoded) {
                return std::nullopt;
            }
            parsed.segments.push_back(std::move(*decoded));
        }
        start = slash + 1;
    }
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        while (!query.empty()) {
            const auto amp = query.find('&');
            const auto pair = query.substr(0, amp);
            const auto equals = pair.find('=');
            auto key = percent_decode(pair.substr(0, equals), true);
            auto value = percent_decode(
                equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1),
                true);
            if (!key || !value) {
                return std::nullopt;
            }
            if (!key->empty()) {
                parsed.query.emplace_back(std::move(*key), std::move(*value));
            }
            query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        }
    }
    return parsed;
}

}  // namespace bistime::http::detail
