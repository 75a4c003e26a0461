#include "bistime/app/application.hpp"

#include "bistime/core/services.hpp"
#include "bistime/http/api_router.hpp"
#include "bistime/http/http_server.hpp"
#include "bistime/http/web_site.hpp"
#include "bistime/ical/libical_reader.hpp"
#include "bistime/ical/libical_writer.hpp"
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
    std::unique_ptr<sql::SqlStorage> storage;
    std::unique_ptr<Services> services;
    std::unique_ptr<http::WebSite> web_site;
    std::unique_ptr<http::ApiRouter> router;
    std::unique_ptr<http::HttpServer> server;
    std::unique_ptr<ExpirySweeper> sweeper;
};

Application::Application(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Application::~Application() {
    stop();
}

Result<std::unique_ptr<Application>> Application::start(const ServerConfig& config) {
    auto parts = std::make_unique<Parts>();
    BISTIME_ASSIGN(parts->clock, platform::ZonedClock::create(config.timezone));
    BISTIME_ASSIGN(parts->storage,
                   sql::SqlStorage::open({config.database, config.db_pool,
                                          std::chrono::seconds(config.db_timeout_seconds)}));
    parts->services = std::make_unique<Services>(
        parts->storage->ports(),
        PlatformPorts{*parts->clock, parts->random, parts->hasher, parts->zones, parts->calendars,
                      parts->calendar_writer},
        ServiceSettings{config.timezone, config.max_people, config.max_members, config.event_link,
                        config.answers_cache_bytes()});
    if (config.web) {
        std::vector<http::WebFile> files;
        for (const web::EmbeddedFile& file : web::embedded_files()) {
            files.push_back({file.path, file.bytes});
        }
        parts->web_site = std::make_unique<http::WebSite>(files);
    }
    parts->router = std::make_unique<http::ApiRouter>(
        *parts->services, http::RouterOptions{config.cors_origins,
                                              parts->web_site.get(),
                                              config.trusted_proxies,
                                              {config.create_burst, config.create_per_second},
                                              {config.write_burst, config.write_per_second},
                                              config.rendered_cache_bytes()});

    http::ServerOptions options;
    options.address = config.address;
    options.port = config.port;
    options.io_threads = config.io_threads;
    options.worker_threads = config.db_pool;
    options.log_requests = config.log_requests;
    options.request_timeout = std::chrono::seconds(config.request_timeout_seconds);
    options.max_connections = config.max_connections;
    options.max_connections_per_client = config.max_connections_per_client;
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
