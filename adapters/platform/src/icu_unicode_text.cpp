#include "bistime/platform/icu_unicode_text.hpp"

#include <cstdio>
#include <cstdlib>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace bistime::platform {
namespace {

const icu::Normalizer2& nfc() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* loaded = icu::Normalizer2::getNFCInstance(status);
        if (U_FAILURE(status) || loaded == nullptr) {
            std::fprintf(stderr, "bistime: ICU's NFC data cannot be loaded: %s\n",
                         u_errorName(status));
            std::abort();
        }
        return loaded;
    }();
    return *instance;
}

}  // namespace

IcuUnicodeText::IcuUnicodeText() {
    nfc();
}

std::string IcuUnicodeText::to_nfc(std::string_view text) const {
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString normalized = nfc().normalize(source, status);
    if (U_FAILURE(status)) {
        // Only out of memory; the text is then kept as given.
        return std::string(text);
    }
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

CharacterProperties IcuUnicodeText::properties(char32_t code_point) const {
    const auto c = static_cast<UChar32>(code_point);
    CharacterProperties out;
    switch (u_charType(c)) {
        case U_CONTROL_CHAR:
            out.category = CharacterCategory::control;
            break;
        case U_FORMAT_CHAR:
            out.category = CharacterCategory::format;
            break;
        case U_LINE_SEPARATOR:
        case U_PARAGRAPH_SEPARATOR:
            out.category = CharacterCategory::separator;
            break;
        case U_UNASSIGNED:
        case U_SURROGATE:
            out.category = CharacterCategory::unassigned;
            break;
        case U_PRIVATE_USE_CHAR:
            out.category = CharacterCategory::private_use;
            break;
        default:
            break;
    }
    out.white_space = u_isUWhiteSpace(c) != 0;
    out.default_ignorable = u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
    return out;
}

}  // namespace bistime::platform
