// UnicodeText: the port through which the core's name rules (names.hpp) ask
// the Unicode facts they need: a text's Normalization Form C, and the
// properties of a code point. A library made for it answers (ICU, in
// adapters/platform); the rules themselves (what a name may hold, that it is
// stored in NFC and trimmed) stay in the core, once.
#pragma once

#include <string>
#include <string_view>

namespace bistime {

// The general categories the name rules tell apart; every other category is
// `other`.
enum class CharacterCategory {
    other,
    control,      // Cc: C0 and C1 controls, NUL, ESC, U+0085
    format,       // Cf: bidi overrides and isolates, zero-width characters, U+FEFF, U+00AD
    separator,    // Zl, Zp: U+2028, U+2029
    unassigned,   // Cn: no character (yet), and surrogates
    private_use,  // Co
};

struct CharacterProperties {
    CharacterCategory category = CharacterCategory::other;
    bool white_space = false;        // the White_Space property (U+00A0, U+3000, tab...)
    bool default_ignorable = false;  // Default_Ignorable_Code_Point: shown as nothing
};

class UnicodeText {
  public:
    virtual ~UnicodeText() = default;
    // `text`, which must be valid UTF-8, in Normalization Form C.
    virtual std::string to_nfc(std::string_view text) const = 0;
    // What `code_point` (at most U+10FFFF) is.
    virtual CharacterProperties properties(char32_t code_point) const = 0;
};

}  // namespace bistime
