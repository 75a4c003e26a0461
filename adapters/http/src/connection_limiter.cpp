#include "connection_limiter.hpp"

#include <utility>

namespace bistime::http::detail {

ConnectionLimiter::ConnectionLimiter(std::size_t max_total, std::size_t max_per_client)
    : max_total_(max_total), max_per_client_(max_per_client) {}

std::optional<ConnectionLimiter::Admission> ConnectionLimiter::admit(const std::string& address) {
    const std::lock_guard lock(mutex_);
    Admission admission;
    // Connections already chosen for closing do not count: their room is taken.
    const auto client = per_client_.find(address);
    if (max_per_client_ > 0 && client != per_client_.end() && client->second >= max_per_client_) {
        admission.evict = evict_locked(&address);
        if (!admission.evict) {
            return std::nullopt;
        }
    } else if (max_total_ > 0 && entries_.size() - evicting_ >= max_total_) {
        admission.evict = evict_locked(nullptr);
        if (!admission.evict) {
            return std::nullopt;
        }
    }
    admission.id = next_id_++;
    entries_.emplace(admission.id, Entry{address, std::nullopt, {}});
    ++per_client_[address];
    return admission;
}

ConnectionLimiter::Closer ConnectionLimiter::evict_locked(const std::string* address) {
    for (auto it = waiting_order_.begin(); it != waiting_order_.end(); ++it) {
        Entry& entry = entries_.at(*it);
        if (address != nullptr && entry.address != *address) {
            continue;
        }
        entry.waiting.reset();
        waiting_order_.erase(it);
        ++evicting_;
        // Counted as closing until closed() runs for it; its address's count
        // drops now so that the newcomer fits.
        if (--per_client_[entry.address] == 0) {
            per_client_.erase(entry.address);
        }
        entry.address.clear();
        return std::exchange(entry.close, {});
    }
    return {};
}

void ConnectionLimiter::waiting(std::uint64_t id, Closer close) {
    const std::lock_guard lock(mutex_);
    auto found = entries_.find(id);
    if (found == entries_.end() || found->second.address.empty()) {
        return;  // being evicted
    }
    Entry& entry = found->second;
    if (entry.waiting) {
        waiting_order_.erase(*entry.waiting);
    }
    entry.waiting = waiting_order_.insert(waiting_order_.end(), id);
    entry.close = std::move(close);
}

void ConnectionLimiter::busy(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    auto found = entries_.find(id);
    if (found == entries_.end() || !found->second.waiting) {
        return;
    }
    waiting_order_.erase(*found->second.waiting);
    found->second.waiting.reset();
    found->second.close = {};
}

void ConnectionLimiter::closed(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    auto found = entries_.find(id);
    if (found == entries_.end()) {
        return;
    }
    Entry& entry = found->second;
    if (entry.waiting) {
        waiting_order_.erase(*entry.waiting);
    }
    if (entry.address.empty()) {
        --evicting_;  // its address was released when it was chosen
    } else if (--per_client_[entry.address] == 0) {
        per_client_.erase(entry.address);
    }
    entries_.erase(found);
}

std::vector<ConnectionLimiter::Closer> ConnectionLimiter::shortage() {
    constexpr std::size_t k_headroom = 16;
    const std::lock_guard lock(mutex_);
    const std::size_t open = entries_.size() - evicting_;
    const std::size_t cap = open > 2 * k_headroom ? open - k_headroom : k_headroom;
    if (max_total_ == 0 || cap < max_total_) {
        max_total_ = cap;
    }
    std::vector<Closer> closers;
    while (entries_.size() - evicting_ > max_total_) {
        Closer closer = evict_locked(nullptr);
        if (!closer) {
            break;
        }
        closers.push_back(std::move(closer));
    }
    return closers;
}

std::size_t ConnectionLimiter::open() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace bistime::http::detail
