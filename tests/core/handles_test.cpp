#include "bistime/core/handles.hpp"

#include <map>
#include <random>

#include <catch2/catch.hpp>

namespace {
// A deterministic byte source, so the test can check the sampling itself.
class SequenceRandom final : public bistime::RandomSource {
  public:
    void fill(std::span<unsigned char> out) override {
        for (auto& byte : out) {
            byte = static_cast<unsigned char>(engine_());
        }
    }

  private:
    std::mt19937 engine_{7};
};
}  // namespace

TEST_CASE("a handle has the requested length over the 57-letter alphabet", "[core]") {
    SequenceRandom random;
    const auto handle = bistime::make_handle(random, 22);
    CHECK(handle.size() == 22);
    for (char c : handle) {
        CHECK(bistime::k_handle_alphabet.find(c) != std::string_view::npos);
    }
    const auto team = bistime::make_handle(random, 22, "T");
    CHECK(team.size() == 23);
    CHECK(team[0] == 'T');
}

TEST_CASE("every letter of the alphabet is about equally likely in handles", "[core]") {
    SequenceRandom random;
    std::map<char, int> seen;
    const auto text = bistime::make_handle(random, 57 * 2000);
    for (char c : text) {
        ++seen[c];
    }
    REQUIRE(seen.size() == 57);
    for (const auto& [letter, count] : seen) {
        INFO(letter);
        CHECK(count > 1700);
        CHECK(count < 2300);
    }
}
