#include "bistime/core/names.hpp"

#include <cstdint>
#include <cstdio>
#include <vector>

#include "bistime/core/text.hpp"

namespace bistime {
namespace {

struct CodePoint {
    char32_t value = 0;
    std::size_t offset = 0;  // of its first byte
    std::size_t length = 0;  // in bytes
};

// The code points of `text`, which utf8_length() found valid.
std::vector<CodePoint> decode(std::string_view text) {
    std::vector<CodePoint> out;
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t value = length == 1   ? lead
                         : length == 2 ? lead & 0x1F
                         : length == 3 ? lead & 0x0F
                                       : lead & 0x07;
        for (std::size_t k = 1; k < length; ++k) {
            value = (value << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
        }
        out.push_back({value, at, length});
        at += length;
    }
    return out;
}

// Variation selectors are default-ignorable, but emoji and CJK ideographs
// need them to be shown as meant.
bool is_variation_selector(char32_t c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

bool is_refused(const CharacterProperties& properties, char32_t c) {
    switch (properties.category) {
        case CharacterCategory::control:
        case CharacterCategory::format:
        case CharacterCategory::separator:
        case CharacterCategory::unassigned:
            return true;
        case CharacterCategory::other:
        case CharacterCategory::private_use:
            break;
    }
    return properties.default_ignorable && !is_variation_selector(c);
}

std::string code_point_label(char32_t c) {
    char label[16];
    std::snprintf(label, sizeof label, "U+%04X", static_cast<unsigned>(c));
    return label;
}

}  // namespace

std::string NameRules::normalize(std::string_view text) const {
    if (!utf8_length(text)) {
        return std::string(trim(text));
    }
    const std::vector<CodePoint> points = decode(text);
    std::size_t first = 0;
    std::size_t last = points.size();
    while (first < last && unicode_.properties(points[first].value).white_space) {
        ++first;
    }
    while (last > first && unicode_.properties(points[last - 1].value).white_space) {
        --last;
    }
    if (first == last) {
        return {};
    }
    const std::size_t begin = points[first].offset;
    const std::size_t end = points[last - 1].offset + points[last - 1].length;
    return unicode_.to_nfc(text.substr(begin, end - begin));
}

Result<std::string> NameRules::require(std::string_view field, std::string_view text,
                                       std::size_t min, std::size_t max) const {
    const std::string name(field);
    if (!utf8_length(text)) {
        return Error::invalid_field(name, name + " is not valid UTF-8");
    }
    std::string stored = normalize(text);
    const std::vector<CodePoint> points = decode(stored);
    for (const CodePoint& point : points) {
        if (is_refused(unicode_.properties(point.value), point.value)) {
            return Error::invalid_field(name, name +
                                                  " must not hold control or invisible characters"
                                                  " (it holds " +
                                                  code_point_label(point.value) + ")");
        }
    }
    if (points.size() < min || points.size() > max) {
        return Error::invalid_field(name, name + " must be " + std::to_string(min) + " to " +
                                              std::to_string(max) + " characters");
    }
    return stored;
}

}  // namespace bistime
