// NameRules: what a name or title may hold, and the one form it is stored
// in, for every person name (answers, participants, members) and every
// event, team, subgroup and regular-event name or title.
//
// A name is valid UTF-8; surrounding white space (every White_Space
// character: U+00A0 and U+3000 as well as ASCII) is trimmed; it is stored in
// Normalization Form C, so that "René" typed with a precomposed é and with
// e + U+0301 is one name; and it holds no character a reader cannot see or
// that changes how the text around it is shown: C0/C1 controls (NUL, ESC,
// U+0085), format characters (bidi overrides and isolates such as U+202E and
// U+2066, zero-width characters, U+FEFF, the soft hyphen U+00AD), line and
// paragraph separators, unassigned code points, and the other
// default-ignorable characters (variation selectors excepted: emoji need
// them). Lengths count code points of the stored form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bistime/core/result.hpp"
#include "bistime/core/unicode_text.hpp"

namespace bistime {

class NameRules {
  public:
    explicit NameRules(const UnicodeText& unicode) : unicode_(unicode) {}

    // `text` as stored: trimmed, in NFC, min..max characters, nothing refused
    // in it. Errors: invalid, for `field`, saying why (and which character).
    Result<std::string> require(std::string_view field, std::string_view text, std::size_t min,
                                std::size_t max) const;

    // The form `require` would store `text` in, without judging it: what a
    // name given to look something up is compared in. Text that is not
    // valid UTF-8 comes back trimmed of ASCII white space only.
    std::string normalize(std::string_view text) const;

  private:
    const UnicodeText& unicode_;
};

}  // namespace bistime
