#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "bistime/core/result.hpp"

using namespace bistime;

namespace {

Result<int> parse_digit(char c) {
    if (c < '0' || c > '9') {
        return Error::invalid(std::string("not a digit: ") + c);
    }
    return c - '0';
}

Result<void> check_even(int n) {
    if (n % 2 != 0) {
        return Error::conflict("odd");
    }
    return {};
}

// Two digits as a number, when the second is even; counts how far it got.
Result<int> two_digits(const char* text, int& steps) {
    BISTIME_ASSIGN(const int tens, parse_digit(text[0]));
    ++steps;
    BISTIME_ASSIGN(const int ones, parse_digit(text[1]));
    ++steps;
    BISTIME_TRY(check_even(ones));
    ++steps;
    return tens * 10 + ones;
}

}  // namespace

TEST_CASE("BISTIME_ASSIGN and BISTIME_TRY return the first error and go on otherwise", "[result]") {
    int steps = 0;
    CHECK(*two_digits("42", steps) == 42);
    CHECK(steps == 3);

    steps = 0;
    auto bad_tens = two_digits("x2", steps);
    CHECK(bad_tens.error().message == "not a digit: x");
    CHECK(steps == 0);

    steps = 0;
    auto bad_ones = two_digits("4y", steps);
    CHECK(bad_ones.error().kind == ErrorKind::invalid);
    CHECK(steps == 1);

    steps = 0;
    auto odd = two_digits("43", steps);
    CHECK(odd.error().kind == ErrorKind::conflict);
    CHECK(steps == 2);
}

TEST_CASE("BISTIME_ASSIGN moves the value out: a move-only value passes through", "[result]") {
    auto make = []() -> Result<std::unique_ptr<int>> { return std::make_unique<int>(7); };
    auto use = [&]() -> Result<int> {
        BISTIME_ASSIGN(std::unique_ptr<int> value, make());
        return *value;
    };
    CHECK(*use() == 7);
}
