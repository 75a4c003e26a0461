#include "storage_fixture.hpp"

#include <stdexcept>

namespace bistime::testing {

StorageFixture::StorageFixture() {
    auto opened = sql::SqlStorage::open({test_database_url(), 4});
    if (!opened) {
        throw std::runtime_error("cannot open the test database: " + opened.error().message);
    }
    storage = std::move(*opened);
    events = std::make_unique<EventService>(storage->events(), storage->dates(), storage->schedules(),
                                            clock, random, hasher);
    schedules = std::make_unique<ScheduleService>(storage->events(), storage->dates(),
                                                  storage->schedules(), clock);
    feedback = std::make_unique<FeedbackService>(storage->feedback(), clock);
}

CreatedEvent StorageFixture::create_event(const std::string& title, const std::string& start,
                                          const std::string& end) {
    auto created = events->create_event({title, start, end, std::nullopt});
    if (!created) {
        throw std::runtime_error("create_event failed: " + created.error().message);
    }
    return std::move(*created);
}

void StorageFixture::add_dates(const std::string& uuid, int count, int first_offset) {
    std::vector<std::string> dates;
    for (int i = 0; i < count; ++i) {
        dates.push_back(date_after(clock.today(), first_offset + i));
    }
    auto added = events->add_dates(uuid, dates);
    if (!added) {
        throw std::runtime_error("add_dates failed: " + added.error().message);
    }
}

std::string day_with(std::initializer_list<int> slots) {
    std::string text(48, '0');
    for (int slot : slots) {
        text[static_cast<std::size_t>(slot)] = '1';
    }
    return text;
}

}  // namespace bistime::testing
