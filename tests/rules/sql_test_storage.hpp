// The storage suite's TestStorage on the SQL adapter, for the SQLite and
// MariaDB executables.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "bistime/sql/sql_storage.hpp"
#include "storage_fixture.hpp"

namespace bistime::testing {

class SqlTestStorage final : public TestStorage {
  public:
    explicit SqlTestStorage(const std::string& url) {
        auto opened = sql::SqlStorage::open({url, 4});
        if (!opened) {
            throw std::runtime_error("cannot open the test database: " + opened.error().message);
        }
        storage_ = std::move(*opened);
    }
    EventRepository& events() override { return storage_->events(); }
    EventDateRepository& dates() override { return storage_->dates(); }
    ScheduleRepository& schedules() override { return storage_->schedules(); }
    FeedbackRepository& feedback() override { return storage_->feedback(); }
    ParticipantRepository& participants() override { return storage_->participants(); }
    TeamRepository& teams() override { return storage_->teams(); }
    SubgroupRepository& subgroups() override { return storage_->subgroups(); }
    MemberRepository& members() override { return storage_->members(); }
    RegularEventRepository& regular_events() override { return storage_->regular_events(); }
    AttemptLog& attempts() override { return storage_->attempts(); }
    UnitOfWork& units() override { return storage_->units(); }
    std::uint64_t statements_sent() const override { return storage_->statements_sent(); }
    int schema_version() const override { return storage_->schema_version(); }

  private:
    std::unique_ptr<sql::SqlStorage> storage_;
};

}  // namespace bistime::testing
