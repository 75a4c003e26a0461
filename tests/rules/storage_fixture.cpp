#include "storage_fixture.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "bistime/core/handles.hpp"

namespace bistime::testing {

StorageFixture::StorageFixture() {
    storage = open_test_storage();
    services = make_services(k_default_max_people, k_default_max_members);
    events = &services->events;
    date_service = &services->dates;
    decisions = &services->decisions;
    availability = &services->availability;
    schedules = &services->schedules;
    feedback = &services->feedback;
    teams = &services->teams;
    subgroups = &services->subgroups;
    regular_events = &services->regular_events;
    members = &services->members;
}

std::unique_ptr<Services> StorageFixture::make_services(std::size_t max_people,
                                                        std::size_t max_members) {
    return services_on(storage->ports(), max_people, max_members);
}

std::unique_ptr<Services> StorageFixture::services_on(const StoragePorts& other,
                                                      std::size_t max_people,
                                                      std::size_t max_members) {
    return std::make_unique<Services>(
        other, PlatformPorts{clock, random, hasher, zones, calendars, calendar_writer, unicode},
        ServiceSettings{"Asia/Seoul", max_people, max_members, "", std::size_t{8} << 20});
}

StaleReads count_stale_reads(const std::function<void(int)>& write,
                             const std::function<std::optional<AvailabilityOverlap>()>& read) {
    std::atomic<int> acknowledged{0};
    std::atomic<bool> done{false};
    std::atomic<int> attempts{0};
    StaleReads seen;
    std::thread reader([&] {
        while (!done.load()) {
            const int floor = acknowledged.load();
            const auto overlap = read();
            ++attempts;
            if (!overlap) {
                continue;
            }
            int slot = -1;
            for (int s = 0; s < 48; ++s) {
                if (overlap->count(0, s) == 1) {
                    slot = s;
                }
            }
            ++seen.reads;
            seen.stale += slot < floor ? 1 : 0;
        }
    });
    for (int slot = 1; slot < 48; ++slot) {
        write(slot);
        acknowledged.store(slot);
        // Reads interleave with the writes even on a loaded machine, where
        // the reader might otherwise not run before the writer is done.
        const int before = attempts.load();
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
        while (attempts.load() < before + 2 && std::chrono::steady_clock::now() < until) {
            std::this_thread::yield();
        }
    }
    done.store(true);
    reader.join();
    return seen;
}

TeamWithCode StorageFixture::create_team(const std::string& name_prefix) {
    static std::atomic<int> counter{0};
    const std::string name = name_prefix + " " + make_handle(random, 8) + std::to_string(counter++);
    auto created =
        teams->create_team({name, 1, std::nullopt, "Kim", "09:00", "18:00", std::nullopt});
    if (!created) {
        throw std::runtime_error("create_team failed: " + created.error().message);
    }
    return std::move(*created);
}

Member StorageFixture::add_member(const Team& team, const std::string& name,
                                  std::optional<std::string> subgroup,
                                  std::initializer_list<int> free_days) {
    auto member =
        members->create_member({team.uuid, std::move(subgroup), name, week_with(free_days)});
    if (!member) {
        throw std::runtime_error("create_member failed: " + member.error().message);
    }
    return std::move(*member);
}

std::vector<std::string> week_with(std::initializer_list<int> free_days) {
    std::vector<std::string> week(7, std::string(48, '0'));
    for (int day : free_days) {
        week[static_cast<std::size_t>(day)][18] = '1';
        week[static_cast<std::size_t>(day)][19] = '1';
    }
    return week;
}

CreatedEvent StorageFixture::create_event(const std::string& title, const std::string& start,
                                          const std::string& end) {
    auto created = events->create_event(
        event_input(title, start, end, std::nullopt, std::nullopt, std::nullopt));
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
    auto added = date_service->add_dates(uuid, dates);
    if (!added) {
        throw std::runtime_error("add_dates failed: " + added.error().message);
    }
}

CreateEventInput event_input(std::string title, std::optional<std::string> start,
                             std::optional<std::string> end, std::optional<std::string> team,
                             std::optional<std::string> description,
                             std::optional<std::string> location) {
    CreateEventInput input;
    input.title = std::move(title);
    input.start_time = std::move(start);
    input.end_time = std::move(end);
    input.associated_team = std::move(team);
    input.description = std::move(description);
    input.location = std::move(location);
    return input;
}

std::string day_with(std::initializer_list<int> slots) {
    std::string text(48, '0');
    for (int slot : slots) {
        text[static_cast<std::size_t>(slot)] = '1';
    }
    return text;
}

}  // namespace bistime::testing
