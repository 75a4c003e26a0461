#include "bistime/app/application.hpp"
#include "bistime/app/server_config.hpp"

#include <cstdlib>

#include "bistime/core/services.hpp"
#include "bistime/http/api_router.hpp"
#include "bistime/http/http_server.hpp"
#include "bistime/http/server_metrics.hpp"
#include "bistime/http/web_site.hpp"
#include "bistime/ical/libical_reader.hpp"
#include "bistime/ical/libical_writer.hpp"
#include "bistime/platform/icu_unicode_text.hpp"
#include "bistime/platform/sodium_random.hpp"
#include "bistime/platform/sodium_secret_hasher.hpp"
#include "bistime/platform/tz_database.hpp"
#include "bistime/platform/zoned_clock.hpp"
#include "bistime/sql/sql_storage.hpp"
#include "bistime/web/embedded_files.hpp"
#include "expiry_sweeper.hpp"

namespace bistime::app {

// Declared in the order they are built: each part depends only on those above it.
struct Application::Parts {
    std::unique_ptr<platform::ZonedClock> clock;
    platform::SodiumRandom random;
    platform::SodiumSecretHasher hasher;
    platform::TzDatabase zones;
    ical::LibicalReader calendars;
    ical::LibicalWriter calendar_writer;
    platform::IcuUnicodeText unicode;
    std::unique_ptr<sql::SqlStorage> storage;
    std::unique_ptr<Services> services;
    std::unique_ptr<http::WebSite> web_site;
    std::unique_ptr<http::ServerMetrics> metrics;
    std::unique_ptr<http::ApiRouter> router;
    std::unique_ptr<http::HttpServer> server;
    std::unique_ptr<ExpirySweeper> sweeper;
};

namespace {

void append_counter(std::string& out, const char* name, const char* help, std::uint64_t value) {
    out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n" + name +
           ' ' + std::to_string(value) + '\n';
}

void append_gauge(std::string& out, const char* name, const char* help, std::uint64_t value) {
    out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " gauge\n" + name +
           ' ' + std::to_string(value) + '\n';
}

// The series of the parts below the HTTP adapter: the database pool, the
// answers cache, secret hashing.
void add_metric_sources(http::ServerMetrics& metrics, const sql::SqlStorage& storage,
                        const Services& services, const platform::SodiumSecretHasher& hasher) {
    metrics.add_source([storage = &storage](std::string& out) {
        const auto pool = storage->pool_stats();
        append_gauge(out, "bistime_db_pool_connections", "Database connections in the pool.",
                     pool.connections);
        append_counter(out, "bistime_db_pool_leases_total", "Connections handed out to work.",
                       pool.leases);
        append_counter(out, "bistime_db_pool_waits_total",
                       "Leases that waited for a free connection.", pool.waits);
        append_counter(out, "bistime_db_pool_shed_total",
                       "Work refused because no connection came free in time (503).", pool.shed);
        append_counter(out, "bistime_db_unavailable_total",
                       "Work refused at once while the database was down (503).", pool.refused);
        append_counter(out, "bistime_db_retries_total",
                       "Statements retried after a deadlock, lock wait or busy database.",
                       pool.conflicts);
        append_counter(out, "bistime_db_errors_total",
                       "Statements that failed: connection lost, or refused by the database.",
                       pool.failures);
        append_counter(out, "bistime_db_statements_total", "SQL statements sent.",
                       storage->statements_sent());
    });
    metrics.add_source([services = &services](std::string& out) {
        const CacheStats cache = services->cache_stats();
        append_counter(out, "bistime_answers_cache_hits_total",
                       "Reads of events' answers served from memory.", cache.hits);
        append_counter(out, "bistime_answers_cache_misses_total",
                       "Reads of events' answers loaded from the database.", cache.misses);
        append_counter(out, "bistime_answers_cache_evictions_total",
                       "Events' answers dropped to stay within --cache-mb.", cache.evictions);
        append_gauge(out, "bistime_answers_cache_bytes", "Memory held by events' answers.",
                     cache.bytes);
        const CacheStats written = services->written_rows_stats();
        append_counter(out, "bistime_written_rows_hits_total",
                       "Writes of people the cached answers did not show, whose rows this "
                       "server had written.",
                       written.hits);
        append_counter(out, "bistime_written_rows_misses_total",
                       "Writes of people the cached answers did not show, whose rows this "
                       "server had not written (mostly newcomers).",
                       written.misses);
        const CacheStats rosters = services->roster_cache_stats();
        append_counter(out, "bistime_roster_cache_hits_total",
                       "Reads of teams' members served from memory.", rosters.hits);
        append_counter(out, "bistime_roster_cache_misses_total",
                       "Reads of teams' members loaded from the database.", rosters.misses);
        append_counter(out, "bistime_roster_cache_evictions_total",
                       "Teams' rosters dropped to stay within --cache-mb.", rosters.evictions);
        append_gauge(out, "bistime_roster_cache_bytes", "Memory held by teams' rosters.",
                     rosters.bytes);
    });
    metrics.add_source([hasher = &hasher](std::string& out) {
        append_counter(out, "bistime_argon2_verifications_total",
                       "Codes, answers and passwords checked against their Argon2id hash.",
                       hasher->verifications());
        append_counter(out, "bistime_argon2_hashes_total",
                       "Codes, answers and passwords hashed with Argon2id.", hasher->hashes());
    });
}

}  // namespace

Application::Application(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Application::~Application() {
    stop();
}

Result<std::unique_ptr<Application>> Application::start(const ServerConfig& config) {
    auto parts = std::make_unique<Parts>();
    const std::string timezone = config.timezone.empty() ? machine_timezone([](const char* name) {
        const char* value = std::getenv(name);
        return std::string(value ? value : "");
    })
                                                         : config.timezone;
    BISTIME_ASSIGN(parts->clock, platform::ZonedClock::create(timezone));
    BISTIME_ASSIGN(parts->storage,
                   sql::SqlStorage::open({config.database, config.db_pool,
                                          std::chrono::seconds(config.db_timeout_seconds), true}));
    parts->services = std::make_unique<Services>(
        parts->storage->ports(),
        PlatformPorts{*parts->clock, parts->random, parts->hasher, parts->zones, parts->calendars,
                      parts->calendar_writer, parts->unicode},
        ServiceSettings{timezone, config.max_people, config.max_members, config.event_link,
                        config.answers_cache_bytes(), config.roster_cache_bytes()});
    if (config.web) {
        std::vector<http::WebFile> files;
        for (const web::EmbeddedFile& file : web::embedded_files()) {
            files.push_back({file.path, file.bytes});
        }
        parts->web_site = std::make_unique<http::WebSite>(files);
    }
    parts->metrics =
        std::make_unique<http::ServerMetrics>(http::ApiRouter::route_labels(), server_version());
    add_metric_sources(*parts->metrics, *parts->storage, *parts->services, parts->hasher);
    http::RouterOptions routing;
    routing.cors_origins = config.cors_origins;
    routing.web_site = parts->web_site.get();
    routing.trusted_proxies = config.trusted_proxies;
    routing.create_rate = {config.create_burst, config.create_per_second};
    routing.write_rate = {config.write_burst, config.write_per_second};
    routing.rendered_cache_bytes = config.rendered_cache_bytes();
    routing.metrics = parts->metrics.get();
    routing.readiness = [storage = parts->storage.get()] { return storage->check_ready(); };
    for (const web::EmbeddedFile& document : web::embedded_documents()) {
        if (document.path == "openapi.yaml") {
            routing.openapi = document.bytes;
        }
    }
    parts->router = std::make_unique<http::ApiRouter>(*parts->services, std::move(routing));

    http::ServerOptions options;
    options.address = config.address;
    options.port = config.port;
    options.io_threads = config.io_threads;
    // Readers of one event share reads of its row (SharedReads): the ones
    // waiting hold a worker but no connection, so workers outnumber them.
    options.worker_threads = config.workers > 0 ? config.workers : 4 * config.db_pool;
    options.log_requests = config.log_requests;
    options.log_format = config.log_json ? http::ServerOptions::LogFormat::json
                                         : http::ServerOptions::LogFormat::text;
    options.metrics = parts->metrics.get();
    options.request_timeout = std::chrono::seconds(config.request_timeout_seconds);
    options.max_connections = config.max_connections;
    options.max_connections_per_client = config.max_connections_per_client;
    options.max_streams = config.max_streams;
    options.min_read_bytes = config.slow_reader_bytes;
    options.min_read_window = std::chrono::seconds(config.slow_reader_seconds);
    BISTIME_ASSIGN(parts->server, http::HttpServer::start(options, *parts->router));
    if (config.retention_days > 0) {
        parts->sweeper = std::make_unique<ExpirySweeper>(
            parts->services->events, config.retention_days, std::chrono::hours(1));
    }
    auto application = std::unique_ptr<Application>(new Application(std::move(parts)));
    application->shutdown_grace_ = std::chrono::seconds(config.shutdown_grace_seconds);
    return application;
}

std::uint16_t Application::port() const {
    return parts_->server->port();
}

void Application::stop() {
    if (parts_ && parts_->server) {
        parts_->server->stop(shutdown_grace_);
    }
    if (parts_) {
        parts_->sweeper.reset();
    }
}

std::uint64_t Application::statements_sent() const {
    return parts_->storage->statements_sent();
}

}  // namespace bistime::app
