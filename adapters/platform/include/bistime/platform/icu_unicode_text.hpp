// IcuUnicodeText: the UnicodeText port on ICU (libicu): NFC through
// Normalizer2, code point properties through uchar.h. Stateless and safe to
// share between threads (ICU's NFC instance is immutable once loaded).
#pragma once

#include "bistime/core/unicode_text.hpp"

namespace bistime::platform {

class IcuUnicodeText final : public UnicodeText {
  public:
    // Loads ICU's NFC data; aborts the process if it cannot, since names
    // could then not be stored in one form.
    IcuUnicodeText();
    std::string to_nfc(std::string_view text) const override;
    CharacterProperties properties(char32_t code_point) const override;
};

}  // namespace bistime::platform
