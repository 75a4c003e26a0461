#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "bistime/core/deadline.hpp"

using bistime::Deadline;
using namespace std::chrono_literals;

TEST_CASE("without a scope nothing is bounded", "[deadline]") {
    CHECK_FALSE(Deadline::active());
    CHECK(Deadline::elapsed() == Deadline::Clock::duration::zero());
    CHECK(Deadline::remaining() == Deadline::Clock::duration::max());
    CHECK_FALSE(Deadline::passed());
}

TEST_CASE("a scope counts from when the request was read, queued time included", "[deadline]") {
    const Deadline::Scope scope(Deadline::Clock::now() - 300ms, 1s);
    CHECK(Deadline::active());
    CHECK(Deadline::elapsed() >= 300ms);
    CHECK(Deadline::remaining() <= 700ms);
    CHECK_FALSE(Deadline::passed());
}

TEST_CASE("a deadline passes once its budget is spent", "[deadline]") {
    const Deadline::Scope scope(Deadline::Clock::now(), 20ms);
    std::this_thread::sleep_for(30ms);
    CHECK(Deadline::passed());
    CHECK(Deadline::remaining() == Deadline::Clock::duration::zero());
}

TEST_CASE("a deadline belongs to its thread and ends with its scope", "[deadline]") {
    {
        const Deadline::Scope scope(Deadline::Clock::now(), 1s);
        bool other_thread_bounded = true;
        std::thread([&] { other_thread_bounded = Deadline::active(); }).join();
        CHECK_FALSE(other_thread_bounded);
    }
    CHECK_FALSE(Deadline::active());
}
