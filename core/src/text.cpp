#include "bistime/core/text.hpp"

#include <cstdint>

namespace bistime {

std::string_view trim(std::string_view text) {
    auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

namespace {

// The length in bytes of the well-formed UTF-8 sequence starting at `at`, or
// 0 when the bytes there are not one.
std::size_t sequence_length(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t extra = 0;
    std::uint32_t code_point = 0;
    if (lead < 0x80) {
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        code_point = lead & 0x07;
    } else {
        return 0;
    }
    if (at + extra >= text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto next = static_cast<unsigned char>(text[at + k]);
        if ((next & 0xC0) != 0x80) {
            return 0;
        }
        code_point = (code_point << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t k_min_by_extra[] = {0, 0x80, 0x800, 0x10000};
    if (code_point < k_min_by_extra[extra] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        return 0;
    }
    return extra + 1;
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        const std::size_t length = sequence_length(text, i);
        if (length == 0) {
            return std::nullopt;
        }
        i += length;
    }
    return count;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequence_length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

Result<std::string> require_text(std::string_view field, std::string_view text, std::size_t min,
                                 std::size_t max) {
    const std::string_view trimmed = trim(text);
    const auto length = utf8_length(trimmed);
    if (!length) {
        return Error::invalid_field(std::string(field), std::string(field) + " is not valid UTF-8");
    }
    if (*length < min || *length > max) {
        return Error::invalid_field(std::string(field), std::string(field) + " must be " +
                                                            std::to_string(min) + " to " +
                                                            std::to_string(max) + " characters");
    }
    return std::string(trimmed);
}

}  // namespace bistime
