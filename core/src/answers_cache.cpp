#include "bistime/core/answers_cache.hpp"

#include <optional>

namespace bistime {

std::size_t EventAnswers::bytes() const {
    // The vectors' own arrays, and what their strings hold outside them.
    std::size_t total =
        sizeof(EventAnswers) + overlap.bytes() + days.capacity() * sizeof(DayAvailability) +
        dates.capacity() * sizeof(EventDate) + people.capacity() * sizeof(std::string) +
        schedules.capacity() * sizeof(Schedule);
    for (const EventDate& date : dates) {
        total += date.event_uuid.capacity();
    }
    for (const std::string& person : people) {
        total += person.capacity();
    }
    for (const Schedule& schedule : schedules) {
        total += schedule.name.capacity();
    }
    return total;
}

std::shared_ptr<const EventAnswers> AnswersCache::find(RowId event_id, std::int64_t version) {
    const std::lock_guard lock(mutex_);
    const auto found = by_event_.find(event_id);
    if (found == by_event_.end() || found->second->answers->version != version) {
        ++stats_.misses;
        return nullptr;
    }
    order_.splice(order_.begin(), order_, found->second);
    ++stats_.hits;
    return found->second->answers;
}

void AnswersCache::evict(Order::iterator entry) {
    stats_.bytes -= entry->bytes;
    by_event_.erase(entry->answers->event_id);
    order_.erase(entry);
}

void AnswersCache::store(std::shared_ptr<const EventAnswers> answers) {
    if (!enabled() || !answers) {
        return;
    }
    const std::size_t bytes = answers->bytes();
    const std::lock_guard lock(mutex_);
    if (const auto present = by_event_.find(answers->event_id); present != by_event_.end()) {
        if (present->second->answers->version > answers->version) {
            return;  // a racing read already kept a newer version
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
    order_.push_front({std::move(answers), bytes});
    by_event_[order_.front().answers->event_id] = order_.begin();
    stats_.bytes += bytes;
}

Result<std::shared_ptr<const EventAnswers>> AnswersCache::find_or_load(RowId event_id,
                                                                       std::int64_t version,
                                                                       const Loader& load) {
    if (!enabled()) {
        return load();
    }
    std::promise<Result<std::shared_ptr<const EventAnswers>>> mine;
    std::optional<Flight> theirs;
    {
        const std::lock_guard lock(mutex_);
        const auto found = by_event_.find(event_id);
        if (found != by_event_.end() && found->second->answers->version == version) {
            order_.splice(order_.begin(), order_, found->second);
            ++stats_.hits;
            return found->second->answers;
        }
        ++stats_.misses;
        const auto key = std::make_pair(event_id, version);
        if (const auto flying = loading_.find(key); flying != loading_.end()) {
            ++stats_.shared_loads;
            theirs = flying->second;
        } else {
            loading_.emplace(key, mine.get_future().share());
        }
    }
    if (theirs) {
        // The loader's own waits are bounded (storage timeouts), so this is too.
        return theirs->get();
    }
    Result<std::shared_ptr<const EventAnswers>> loaded = Error::unavailable("not loaded");
    try {
        loaded = load();
    } catch (...) {
        mine.set_value(Error::unavailable("loading an event's answers failed"));
        const std::lock_guard lock(mutex_);
        loading_.erase({event_id, version});
        throw;
    }
    if (loaded) {
        store(*loaded);
    }
    {
        const std::lock_guard lock(mutex_);
        loading_.erase({event_id, version});
    }
    mine.set_value(loaded);
    return loaded;
}

AnswersCache::Stats AnswersCache::stats() const {
    const std::lock_guard lock(mutex_);
    Stats now = stats_;
    now.entries = by_event_.size();
    return now;
}

}  // namespace bistime
