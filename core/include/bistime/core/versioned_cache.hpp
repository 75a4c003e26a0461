// VersionedCache: values kept in memory between requests, each valid for
// exactly one version of its key. A lookup names the version it needs (read
// from storage, or a revision derived from it) and an entry built from any
// other version is a miss, so a cached value is never older than what the
// caller just read. Bounded in bytes: the least recently used entries go
// first, and an entry larger than the whole bound is not kept. Concurrent
// misses of one key at one version share a single load. Thread-safe.
//
// `Value` tells its own size: `std::size_t bytes() const`. Numeric versions
// only grow, so an older one never replaces a newer; other versions (texts)
// are unordered and a store replaces whatever the key held.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "bistime/core/result.hpp"

namespace bistime {

struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
    std::uint64_t shared_loads = 0;  // misses that waited for another's load
    std::size_t entries = 0;
    std::size_t bytes = 0;
};

template <typename Key, typename Version, typename Value>
class VersionedCache {
  public:
    using Pointer = std::shared_ptr<const Value>;
    using Loader = std::function<Result<Pointer>()>;
    using Stats = CacheStats;

    // At most `max_bytes` of entries; 0 turns the cache off.
    explicit VersionedCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    bool enabled() const { return max_bytes_ > 0; }
    std::size_t max_bytes() const { return max_bytes_; }

    // The value of `key` at `version`, or null (a miss).
    Pointer find(const Key& key, const Version& version) {
        const std::lock_guard lock(mutex_);
        return find_locked(key, version);
    }

    // Whatever `key` holds, at whichever version: for a caller that learns
    // from storage whether that version is still current. Not counted.
    std::optional<std::pair<Version, Pointer>> latest(const Key& key) const {
        const std::lock_guard lock(mutex_);
        const auto found = by_key_.find(key);
        if (found == by_key_.end()) {
            return std::nullopt;
        }
        return std::make_pair(found->second->version, found->second->value);
    }

    // Keeps `value` as `key` at `version`, and evicts the least recently used
    // past the bound.
    void store(const Key& key, const Version& version, Pointer value) {
        if (!enabled() || !value) {
            return;
        }
        const std::size_t bytes = value->bytes();
        const std::lock_guard lock(mutex_);
        if (const auto present = by_key_.find(key); present != by_key_.end()) {
            if constexpr (std::is_arithmetic_v<Version>) {
                if (present->second->version > version) {
                    return;  // a racing load already kept a newer version
                }
            }
            evict(present->second);
        }
        if (bytes > max_bytes_) {
            return;
        }
        while (stats_.bytes + bytes > max_bytes_ && !order_.empty()) {
            evict(std::prev(order_.end()));
            ++stats_.evictions;
        }
        order_.push_front({key, version, std::move(value), bytes});
        by_key_[key] = order_.begin();
        stats_.bytes += bytes;
    }

    // Drops whatever `key` holds.
    void erase(const Key& key) {
        const std::lock_guard lock(mutex_);
        if (const auto present = by_key_.find(key); present != by_key_.end()) {
            evict(present->second);
        }
    }

    // The value of `key` at `version`: from the cache, else from `load()`,
    // kept. Concurrent misses of one key at one version share a single load:
    // the rest wait for it (the loader's own waits must be bounded) instead
    // of each doing the same work.
    Result<Pointer> find_or_load(const Key& key, const Version& version, const Loader& load) {
        if (!enabled()) {
            return load();
        }
        std::promise<Result<Pointer>> mine;
        std::optional<Flight> theirs;
        {
            const std::lock_guard lock(mutex_);
            if (Pointer found = find_locked(key, version)) {
                return found;
            }
            const auto flight = std::make_pair(key, version);
            if (const auto flying = loading_.find(flight); flying != loading_.end()) {
                ++stats_.shared_loads;
                theirs = flying->second;
            } else {
                loading_.emplace(flight, mine.get_future().share());
            }
        }
        if (theirs) {
            return theirs->get();
        }
        Result<Pointer> loaded = Error::unavailable("not loaded");
        try {
            loaded = load();
        } catch (...) {
            mine.set_value(Error::unavailable("a cached value's load failed"));
            land(key, version);
            throw;
        }
        if (loaded) {
            store(key, version, *loaded);
        }
        land(key, version);
        mine.set_value(loaded);
        return loaded;
    }

    Stats stats() const {
        const std::lock_guard lock(mutex_);
        Stats now = stats_;
        now.entries = by_key_.size();
        return now;
    }

  private:
    struct Entry {
        Key key;
        Version version;
        Pointer value;
        std::size_t bytes = 0;
    };
    using Order = std::list<Entry>;  // most recently used first
    using Flight = std::shared_future<Result<Pointer>>;

    Pointer find_locked(const Key& key, const Version& version) {
        const auto found = by_key_.find(key);
        if (found == by_key_.end() || !(found->second->version == version)) {
            ++stats_.misses;
            return nullptr;
        }
        order_.splice(order_.begin(), order_, found->second);
        ++stats_.hits;
        return found->second->value;
    }

    void evict(typename Order::iterator entry) {
        stats_.bytes -= entry->bytes;
        by_key_.erase(entry->key);
        order_.erase(entry);
    }

    void land(const Key& key, const Version& version) {
        const std::lock_guard lock(mutex_);
        loading_.erase(std::make_pair(key, version));
    }

    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    Order order_;
    std::unordered_map<Key, typename Order::iterator> by_key_;
    std::map<std::pair<Key, Version>, Flight> loading_;  // loads under way
    Stats stats_;
};

}  // namespace bistime
