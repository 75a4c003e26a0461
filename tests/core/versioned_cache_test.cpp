// VersionedCache with text versions (revisions), as the HTTP adapter keeps
// written-out reads; numeric versions are specified with AnswersCache in
// tests/rules/answers_cache_storage_test.cpp.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "bistime/core/versioned_cache.hpp"

namespace {

struct Text {
    std::string value;
    std::size_t bytes() const { return value.size(); }
};

using TextCache = bistime::VersionedCache<std::string, std::string, Text>;

std::shared_ptr<const Text> text(std::size_t size, char fill = 'x') {
    return std::make_shared<const Text>(Text{std::string(size, fill)});
}

}  // namespace

TEST_CASE("a value is found only at the version it was kept at", "[cache]") {
    TextCache cache(1000);
    cache.store("grid", "r1", text(10, 'a'));
    CHECK(cache.find("grid", "r1")->value == std::string(10, 'a'));
    CHECK(cache.find("grid", "r2") == nullptr);
    CHECK(cache.find("csv", "r1") == nullptr);
}

TEST_CASE("a text version replaces whatever its key held, older or not", "[cache]") {
    TextCache cache(1000);
    cache.store("grid", "b", text(10, 'b'));
    cache.store("grid", "a", text(10, 'a'));  // texts have no order: the last store wins
    CHECK(cache.find("grid", "b") == nullptr);
    CHECK(cache.find("grid", "a") != nullptr);
    const auto latest = cache.latest("grid");
    REQUIRE(latest);
    CHECK(latest->first == "a");
    CHECK(cache.stats().entries == 1);
    CHECK(cache.stats().bytes == 10);
}

TEST_CASE("a value larger than the whole bound is not kept, and the rest stay", "[cache]") {
    TextCache cache(100);
    cache.store("small", "r", text(60));
    cache.store("huge", "r", text(101));
    CHECK(cache.find("huge", "r") == nullptr);
    CHECK(cache.find("small", "r") != nullptr);
    cache.store("other", "r", text(60));  // both cannot fit: the older goes
    CHECK(cache.find("small", "r") == nullptr);
    CHECK(cache.stats().evictions == 1);
}

TEST_CASE("a failed load is not kept: the next request loads again", "[cache]") {
    TextCache cache(1000);
    int loads = 0;
    auto failing = [&]() -> bistime::Result<std::shared_ptr<const Text>> {
        ++loads;
        return bistime::Error::unavailable("storage is down");
    };
    CHECK_FALSE(cache.find_or_load("grid", "r", failing).ok());
    CHECK_FALSE(cache.find_or_load("grid", "r", failing).ok());
    CHECK(loads == 2);
    auto loaded = cache.find_or_load(
        "grid", "r", [&]() -> bistime::Result<std::shared_ptr<const Text>> { return text(5); });
    REQUIRE(loaded.ok());
    CHECK(cache.find("grid", "r") != nullptr);
}
