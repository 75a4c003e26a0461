// SharedReads: concurrent readers of one key share one read of storage, but
// only a read that began after they asked. A reader that finds no read of its
// key under way starts one. A reader that finds one under way cannot use it
// (it may have begun before a write that was acknowledged before the reader
// asked): it joins the next read, which starts as soon as the one under way
// ends, with every reader that arrived meanwhile. So each reader sees at
// least everything acknowledged before it asked, as if it had read alone,
// and a crowd of N readers of one key costs about two reads instead of N.
//
// The price is latency: a reader may wait for the end of one read before its
// own begins. Readers block; the caller's waits must be bounded by the read's
// own (the database timeout bounds every read). Thread-safe.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace bistime {

struct SharedReadStats {
    std::uint64_t reads = 0;   // reads of storage started
    std::uint64_t shared = 0;  // readers served by a read another reader started
};

template <typename Key, typename Value>
class SharedReads {
  public:
    using Load = std::function<Value()>;

    // The value of `key` from a read that began after this call did: `load()`
    // run by this thread or by another reader of the same key.
    Value read(const Key& key, const Load& load) {
        std::unique_lock lock(mutex_);
        Rounds& rounds = rounds_[key];
        if (!rounds.running) {
            auto mine = std::make_shared<Round>();
            rounds.running = mine;
            ++stats_.reads;
            lock.unlock();
            return lead(key, mine, load);
        }
        ++stats_.shared;
        if (rounds.next) {
            auto theirs = rounds.next;
            lock.unlock();
            return theirs->result.get();
        }
        // The first to wait behind the read under way leads the next one.
        auto mine = std::make_shared<Round>();
        rounds.next = mine;
        const auto running = rounds.running;
        lock.unlock();
        running->result.wait();
        lock.lock();
        Rounds& now = rounds_[key];
        now.running = mine;
        now.next = nullptr;  // later arrivals wait behind this read
        ++stats_.reads;
        --stats_.shared;  // the leader reads for itself
        lock.unlock();
        return lead(key, mine, load);
    }

    SharedReadStats stats() const {
        const std::lock_guard lock(mutex_);
        return stats_;
    }

  private:
    struct Round {
        std::promise<Value> promise;
        std::shared_future<Value> result = promise.get_future().share();
    };
    struct Rounds {
        std::shared_ptr<Round> running;  // the read under way
        std::shared_ptr<Round> next;     // readers waiting for the one after it
    };

    Value lead(const Key& key, const std::shared_ptr<Round>& round, const Load& load) {
        try {
            round->promise.set_value(load());
        } catch (...) {
            round->promise.set_exception(std::current_exception());
        }
        {
            const std::lock_guard lock(mutex_);
            const auto found = rounds_.find(key);
            if (found != rounds_.end() && found->second.running == round) {
                found->second.running = nullptr;
                if (!found->second.next) {
                    rounds_.erase(found);
                }
            }
        }
        return round->result.get();
    }

    mutable std::mutex mutex_;
    std::unordered_map<Key, Rounds> rounds_;
    SharedReadStats stats_;
};

}  // namespace bistime
