// ServerConfig: how bistime-server is configured — command-line flags, each
// with an environment variable as its default (flags win).
//
//   --address       BISTIME_ADDRESS       listen address (127.0.0.1)
//   --port          BISTIME_PORT          port; 0 picks a free one (8080)
//   --db            BISTIME_DB            sqlite:<path> or mysql://user:pass@host:port/db
//                                          (sqlite:bistime.db)
//   --db-pool       BISTIME_DB_POOL       database connections, also worker threads (4)
//   --db-timeout    BISTIME_DB_TIMEOUT    seconds any wait on the database may take (3)
//   --threads       BISTIME_THREADS       I/O threads (2)
//   --request-timeout BISTIME_REQUEST_TIMEOUT seconds a request may take, queue included (10)
//   --max-connections BISTIME_MAX_CONNECTIONS open connections (the descriptor limit - 128)
//   --max-connections-per-client BISTIME_MAX_CONNECTIONS_PER_CLIENT from one address (256; 0 off)
//   --shutdown-grace BISTIME_SHUTDOWN_GRACE seconds to finish requests on SIGTERM (10)
//   --max-streams   BISTIME_MAX_STREAMS   answers too large to keep, sent at once (8)
//   --slow-reader   BISTIME_SLOW_READER   BYTES/SECONDS: a reader of such an answer taking
//                                          less is cut (30720/30; off to turn off)
//   --max-people    BISTIME_MAX_PEOPLE    people one event may hold (200; 0 no limit)
//   --max-members   BISTIME_MAX_MEMBERS   members one team may hold (200; 0 no limit)
//   --create-rate   BISTIME_CREATE_RATE   creations per client address: BURST/PER_SECOND
//                                          (100/1; off to turn off)
//   --write-rate    BISTIME_WRITE_RATE    other writes per client address (off)
//   --trusted-proxy BISTIME_TRUSTED_PROXIES a proxy whose X-Forwarded-For names the client;
//                                          repeatable (env: comma-separated)
//   --cors-origin   BISTIME_CORS_ORIGINS  allowed browser origin; repeatable (env: comma-separated)
//   --timezone      BISTIME_TIMEZONE      IANA zone of the server's "today" (the
//                                          machine's: TZ, else /etc/localtime, else UTC)
//   --retention-days BISTIME_RETENTION_DAYS events are deleted this long after their
//                                          last date (90; 0 keeps them forever)
//   --event-link    BISTIME_EVENT_LINK    an event's public link, {uuid} for its uuid
//                                          (put in calendar exports; default none)
//   --web           BISTIME_WEB           on: serve the web app outside /api/; off: the API
//                                          alone (on)
//   --log-format    BISTIME_LOG_FORMAT    text or json, one line per request (text)
//   --quiet         BISTIME_QUIET=1       no per-request log lines
//   --version                             the version, then exit
//   --probe                               ask the server at --address/--port: 0 if ready
//   --help
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bistime/core/result.hpp"

namespace bistime::app {

struct ServerConfig {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database = "sqlite:bistime.db";
    std::size_t db_pool = 4;
    // Threads that run requests; 0: four per database connection (a request
    // waiting for a read that another request started holds no connection).
    std::size_t workers = 0;
    int db_timeout_seconds = 3;
    std::size_t io_threads = 2;
    int request_timeout_seconds = 10;
    std::size_t max_connections = 0;  // 0: from the descriptor limit
    std::size_t max_connections_per_client = 256;
    int shutdown_grace_seconds = 10;
    std::size_t max_streams = 8;
    std::size_t slow_reader_bytes = 30 * 1024;  // 0: off
    int slow_reader_seconds = 30;
    std::size_t max_people = 200;
    std::size_t max_members = 200;
    // Memory for events' answers between reads, in MiB; 0 turns it off.
    std::size_t cache_mb = 64;
    // --cache-mb split: half for the written-out text of events' large reads
    // (the HTTP adapter's), three eighths for events' answers (the core's
    // AnswersCache, with the rows this server wrote in a sixteenth of that)
    // and an eighth for teams' rosters (TeamRosterCache).
    std::size_t answers_cache_bytes() const { return (cache_mb << 20) / 8 * 3; }
    std::size_t roster_cache_bytes() const { return (cache_mb << 20) / 8; }
    std::size_t rendered_cache_bytes() const { return (cache_mb << 20) / 2; }
    // Token buckets per client address; a burst of 0 is off.
    double create_burst = 100;
    double create_per_second = 1;
    double write_burst = 0;
    double write_per_second = 0;
    std::vector<std::string> trusted_proxies;
    std::vector<std::string> cors_origins;
    std::string timezone;  // empty until parsed: then the machine's unless configured
    int retention_days = 90;
    std::string event_link;
    bool web = true;
    bool log_requests = true;
    bool log_json = false;
    bool show_help = false;
    bool show_version = false;
    bool probe = false;  // --probe: ask a running server at address:port if it is ready
};

// Reads an environment variable; "" when unset.
using EnvironmentReader = std::function<std::string(const char*)>;

// Errors: invalid, naming the flag and what it expects.
Result<ServerConfig> parse_server_config(const std::vector<std::string>& arguments,
                                         const EnvironmentReader& environment);

std::string server_usage();

// The machine's time zone: TZ when it names one, else the zone
// /etc/localtime links to, else "UTC".
std::string machine_timezone(const EnvironmentReader& environment);

// The build's version ("0.1.0"), from the project's CMake version.
std::string server_version();

}  // namespace bistime::app
