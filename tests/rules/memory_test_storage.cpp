// The rules suite on the in-memory adapter (BisTime::memory), linked into the
// core's own test executable: every use-case rule, without a database. Tests
// of what only SQL has are tagged [sql-only] and left out there (see
// tests/CMakeLists.txt).
#include <memory>
#include <string>

#include "bistime/memory/memory_storage.hpp"
#include "storage_fixture.hpp"

namespace bistime::testing {
namespace {

class MemoryTestStorage final : public TestStorage {
  public:
    EventRepository& events() override { return storage_.events(); }
    EventDateRepository& dates() override { return storage_.dates(); }
    ScheduleRepository& schedules() override { return storage_.schedules(); }
    FeedbackRepository& feedback() override { return storage_.feedback(); }
    ParticipantRepository& participants() override { return storage_.participants(); }
    TeamRepository& teams() override { return storage_.teams(); }
    SubgroupRepository& subgroups() override { return storage_.subgroups(); }
    MemberRepository& members() override { return storage_.members(); }
    RegularEventRepository& regular_events() override { return storage_.regular_events(); }
    AttemptLog& attempts() override { return storage_.attempts(); }
    UnitOfWork& units() override { return storage_.units(); }

  private:
    memory::MemoryStorage storage_;
};

}  // namespace

std::unique_ptr<TestStorage> open_test_storage() {
    return std::make_unique<MemoryTestStorage>();
}

std::string test_database_url() {
    return "";
}

}  // namespace bistime::testing
