#include "bistime/core/text.hpp"

#include <catch2/catch.hpp>

using namespace bistime;

TEST_CASE("text length counts characters, not bytes", "[core]") {
    CHECK(utf8_length("Ann") == 3u);
    CHECK(utf8_length("김민지") == 3u);
    CHECK(utf8_length("😀") == 1u);
    CHECK(utf8_length("") == 0u);
}

TEST_CASE("text that is not UTF-8 is refused", "[core]") {
    CHECK_FALSE(utf8_length("\xff").has_value());
    CHECK_FALSE(utf8_length("\xc3").has_value());          // truncated
    CHECK_FALSE(utf8_length("\xc0\xaf").has_value());      // overlong
    CHECK_FALSE(utf8_length("\xed\xa0\x80").has_value());  // surrogate
    CHECK_FALSE(require_text("name", "a\xff", 1, 50).ok());
}

TEST_CASE("required text is trimmed and must fit its bounds", "[core]") {
    CHECK(*require_text("title", "  Study group \n", 1, 100) == "Study group");
    auto blank = require_text("title", "   ", 1, 100);
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error().field_errors.at(0).field == "title");
    CHECK(require_text("name", std::string(50, 'a'), 1, 50).ok());
    CHECK_FALSE(require_text("name", std::string(51, 'a'), 1, 50).ok());
    // 50 Hangul syllables are 150 bytes but 50 characters.
    std::string hangul;
    for (int i = 0; i < 50; ++i) {
        hangul += "가";
    }
    CHECK(require_text("name", hangul, 1, 50).ok());
}

TEST_CASE("text echoed back has every byte outside UTF-8 replaced by U+FFFD", "[core]") {
    CHECK(valid_utf8("김민지 Ann") == "김민지 Ann");
    CHECK(valid_utf8("a\xff") == "a\xEF\xBF\xBD");
    CHECK(valid_utf8("\xc3") == "\xEF\xBF\xBD");
    CHECK(valid_utf8("\xc0\xaf!") == "\xEF\xBF\xBD\xEF\xBF\xBD!");
    CHECK(utf8_length(valid_utf8("\xed\xa0\x80\xf4\x90\x80\x80")).has_value());
}
