#include "bistime/sql/sql_storage.hpp"

#include "database.hpp"
#include "migrations.hpp"
#include "repositories.hpp"
#include "team_repositories.hpp"

namespace bistime::sql {

namespace {

// A MySQL database that holds other tables is refused rather than taken
// over (Database::open checks SQLite files).
Result<void> check_mysql_database(detail::Database& database) {
    return database.run("check the schema", [&](soci::session& sql) -> Result<void> {
        int tables = 0;
        int ours = 0;
        sql << "SELECT COUNT(*), COALESCE(SUM(table_name = 'schema_version'), 0) FROM "
               "information_schema.tables WHERE table_schema = DATABASE()",
            soci::into(tables), soci::into(ours);
        if (tables > 0 && ours == 0) {
            return Error::invalid(detail::not_a_bistime_database("the MySQL database"));
        }
        return {};
    });
}

}  // namespace

struct SqlStorage::Impl {
    explicit Impl(std::unique_ptr<detail::Database> db)
        : database(std::move(db)),
          events(*database),
          dates(*database),
          schedules(*database),
          feedback(*database),
          participants(*database),
          teams(*database),
          subgroups(*database),
          members(*database),
          regular_events(*database),
          attempts(*database),
          units(*database) {}

    // The core's unit of work on the pool: Database::unit.
    class Units final : public UnitOfWork {
      public:
        explicit Units(detail::Database& database) : database_(database) {}
        Result<void> run(const std::function<Result<void>()>& work) override {
            return database_.unit(work);
        }

      private:
        detail::Database& database_;
    };

    std::unique_ptr<detail::Database> database;
    detail::SqlEventRepository events;
    detail::SqlEventDateRepository dates;
    detail::SqlScheduleRepository schedules;
    detail::SqlFeedbackRepository feedback;
    detail::SqlParticipantRepository participants;
    detail::SqlTeamRepository teams;
    detail::SqlSubgroupRepository subgroups;
    detail::SqlMemberRepository members;
    detail::SqlRegularEventRepository regular_events;
    detail::SqlAttemptLog attempts;
    Units units;
    int version = 0;
    std::size_t pool_size = 0;
};

SqlStorage::SqlStorage(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqlStorage::~SqlStorage() = default;

Result<std::unique_ptr<SqlStorage>> SqlStorage::open(const StorageOptions& options) {
    BISTIME_ASSIGN(auto target, detail::parse_database_url(options.url));
    BISTIME_ASSIGN(auto database, detail::Database::open(target, options.pool_size, options.timeout,
                                                         options.sole_writer));
    if (target.dialect == detail::Dialect::mysql) {
        BISTIME_TRY(check_mysql_database(*database));
    }
    auto impl = std::make_unique<Impl>(std::move(database));
    BISTIME_ASSIGN(impl->version, detail::migrate(*impl->database));
    impl->pool_size = options.pool_size;
    return std::unique_ptr<SqlStorage>(new SqlStorage(std::move(impl)));
}

UnitOfWork& SqlStorage::units() {
    return impl_->units;
}
StoragePorts SqlStorage::ports() {
    return {events(),    dates(),   schedules(),      participants(), feedback(), teams(),
            subgroups(), members(), regular_events(), attempts(),     units()};
}

EventRepository& SqlStorage::events() {
    return impl_->events;
}
EventDateRepository& SqlStorage::dates() {
    return impl_->dates;
}
ScheduleRepository& SqlStorage::schedules() {
    return impl_->schedules;
}
FeedbackRepository& SqlStorage::feedback() {
    return impl_->feedback;
}
ParticipantRepository& SqlStorage::participants() {
    return impl_->participants;
}
TeamRepository& SqlStorage::teams() {
    return impl_->teams;
}
SubgroupRepository& SqlStorage::subgroups() {
    return impl_->subgroups;
}
MemberRepository& SqlStorage::members() {
    return impl_->members;
}
RegularEventRepository& SqlStorage::regular_events() {
    return impl_->regular_events;
}
AttemptLog& SqlStorage::attempts() {
    return impl_->attempts;
}
int SqlStorage::schema_version() const {
    return impl_->version;
}
std::uint64_t SqlStorage::statements_sent() const {
    return impl_->database->statements_sent();
}
Result<void> SqlStorage::check_ready() {
    const bool mysql = impl_->database->dialect() == detail::Dialect::mysql;
    return impl_->database->run("check the database", [mysql](soci::session& sql) -> Result<void> {
        int one = 0;
        sql << "SELECT 1", soci::into(one);
        if (!mysql) {
            return {};
        }
        // A Galera node serves only while it is ready and synced with the
        // cluster (not joining, donating or cut off from the primary component).
        if (!detail::Database::is_galera(sql)) {
            return {};
        }
        std::string name;
        std::string ready;
        std::string state;
        sql << "SHOW STATUS LIKE 'wsrep_ready'", soci::into(name), soci::into(ready);
        sql << "SHOW STATUS LIKE 'wsrep_local_state_comment'", soci::into(name), soci::into(state);
        if (ready != "ON" || state != "Synced") {
            return Error::unavailable("the Galera node is " +
                                      (ready != "ON" ? "not ready" : state));
        }
        return {};
    });
}

SqlStorage::PoolStats SqlStorage::pool_stats() const {
    const auto pool = impl_->database->pool_stats();
    return {impl_->pool_size, pool.leases,    pool.waits,   pool.shed,
            pool.refused,     pool.conflicts, pool.failures};
}

std::string SqlStorage::backend() const {
    return impl_->database->dialect() == detail::Dialect::mysql ? "mysql" : "sqlite";
}

bool SqlStorage::unreachable() const {
    return impl_->database->health().down();
}

}  // namespace bistime::sql
