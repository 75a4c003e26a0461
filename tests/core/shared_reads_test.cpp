// SharedReads: the rule that lets a crowd of readers share a read without
// ever seeing less than they would have read alone.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bistime/core/shared_reads.hpp"

namespace {

using Reads = bistime::SharedReads<int, int>;

// A value in "storage" and a first read that holds until released, so that
// others can arrive while it is under way.
struct SlowStorage {
    std::atomic<int> value{1};
    std::atomic<int> loads{0};
    std::promise<void> first_started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();

    int load() {
        const int seen = value.load();
        if (loads.fetch_add(1) == 0) {
            first_started.set_value();
            released.wait();
        }
        return seen;
    }
};

// A reader of key 7 on its own thread.
std::future<int> read_async(Reads& reads, SlowStorage& storage) {
    return std::async(std::launch::async,
                      [&] { return reads.read(7, [&] { return storage.load(); }); });
}

void wait_for_waiters(const Reads& reads, std::uint64_t waiting) {
    while (reads.stats().shared < waiting) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

}  // namespace

TEST_CASE("a reader never gets a read that began before it asked", "[shared-reads]") {
    Reads reads;
    SlowStorage storage;
    auto first = read_async(reads, storage);
    storage.first_started.get_future().wait();
    storage.value = 2;  // a write acknowledged while the first read is under way
    auto second = read_async(reads, storage);
    wait_for_waiters(reads, 1);
    storage.release.set_value();
    CHECK(first.get() == 1);
    CHECK(second.get() == 2);
    CHECK(storage.loads == 2);
}

TEST_CASE("readers who arrive during one read share the next one", "[shared-reads]") {
    Reads reads;
    SlowStorage storage;
    auto first = read_async(reads, storage);
    storage.first_started.get_future().wait();
    storage.value = 2;
    std::vector<std::future<int>> crowd;
    for (int i = 0; i < 5; ++i) {
        crowd.push_back(read_async(reads, storage));
    }
    wait_for_waiters(reads, 5);
    storage.release.set_value();
    CHECK(first.get() == 1);
    for (auto& reader : crowd) {
        CHECK(reader.get() == 2);
    }
    CHECK(storage.loads == 2);
    CHECK(reads.stats().reads == 2);
    CHECK(reads.stats().shared == 4);  // the crowd's leader read for itself
}

TEST_CASE("reads of different keys are not shared", "[shared-reads]") {
    Reads reads;
    SlowStorage storage;
    auto first = read_async(reads, storage);
    storage.first_started.get_future().wait();
    CHECK(reads.read(8, [] { return 80; }) == 80);  // not held behind key 7
    storage.release.set_value();
    CHECK(first.get() == 1);
}

TEST_CASE("a failed read fails every reader that shared it, and the next read starts afresh",
          "[shared-reads]") {
    Reads reads;
    SlowStorage storage;
    auto first = read_async(reads, storage);
    storage.first_started.get_future().wait();
    auto failing = [&]() -> int { throw std::runtime_error("storage is down"); };
    auto second = std::async(std::launch::async, [&] { return reads.read(7, failing); });
    wait_for_waiters(reads, 1);
    auto third = std::async(std::launch::async, [&] { return reads.read(7, failing); });
    wait_for_waiters(reads, 2);
    storage.release.set_value();
    CHECK(first.get() == 1);
    CHECK_THROWS_AS(second.get(), std::runtime_error);
    CHECK_THROWS_AS(third.get(), std::runtime_error);
    CHECK(reads.read(7, [] { return 3; }) == 3);
}
