#include "bistime/app/server_config.hpp"

#include <charconv>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace bistime::app {
namespace {

Result<std::size_t> read_count(std::string_view flag, const std::string& text, std::size_t min,
                               std::size_t max) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        return Error::invalid(std::string(flag) + " expects a whole number from " +
                              std::to_string(min) + " to " + std::to_string(max) + ", not '" +
                              text + "'");
    }
    return value;
}

// "BURST/PER_SECOND" ("100/1", "20/0.5"), or "off".
Result<void> read_rate(std::string_view flag, const std::string& text, double& burst,
                       double& per_second) {
    if (text == "off") {
        burst = 0;
        per_second = 0;
        return {};
    }
    const auto slash = text.find('/');
    std::size_t whole = 0;
    double rate = 0;
    const char* end = text.data() + text.size();
    bool ok = slash != std::string::npos && slash > 0;
    if (ok) {
        const auto [burst_end, burst_error] =
            std::from_chars(text.data(), text.data() + slash, whole);
        const auto [rate_end, rate_error] =
            std::from_chars(text.data() + slash + 1, end, rate, std::chars_format::fixed);
        ok = burst_error == std::errc() && burst_end == text.data() + slash &&
             rate_error == std::errc() && rate_end == end && whole >= 1 && whole <= 1000000 &&
             rate > 0 && rate <= 1000000;
    }
    if (!ok) {
        return Error::invalid(std::string(flag) +
                              " expects BURST/PER_SECOND (as 100/1 or 20/0.5) or off, not '" +
                              text + "'");
    }
    burst = static_cast<double>(whole);
    per_second = rate;
    return {};
}

// "BYTES/SECONDS" ("30720/30"), or "off".
Result<void> read_slow_reader(const std::string& text, ServerConfig& config) {
    if (text == "off") {
        config.slow_reader_bytes = 0;
        return {};
    }
    const auto slash = text.find('/');
    auto bytes = read_count("--slow-reader", text.substr(0, slash), 1, std::size_t{1} << 30);
    auto seconds = slash == std::string::npos
                       ? Result<std::size_t>(Error::invalid(""))
                       : read_count("--slow-reader", text.substr(slash + 1), 1, 3600);
    if (!bytes || !seconds) {
        return Error::invalid("--slow-reader expects BYTES/SECONDS (as 30720/30) or off, not '" +
                              text + "'");
    }
    config.slow_reader_bytes = *bytes;
    config.slow_reader_seconds = static_cast<int>(*seconds);
    return {};
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        if (comma > start) {
            parts.push_back(text.substr(start, comma - start));
        }
        start = comma + 1;
    }
    return parts;
}

// Applies one setting, from a flag or its environment variable.
Result<void> apply(ServerConfig& config, std::string_view flag, const std::string& value) {
    if (flag == "--address") {
        config.address = value;
    } else if (flag == "--port") {
        BISTIME_ASSIGN(const std::size_t port, read_count(flag, value, 0, 65535));
        config.port = static_cast<std::uint16_t>(port);
    } else if (flag == "--db") {
        config.database = value;
    } else if (flag == "--db-pool") {
        BISTIME_ASSIGN(config.db_pool, read_count(flag, value, 1, 256));
    } else if (flag == "--workers") {
        BISTIME_ASSIGN(config.workers, read_count(flag, value, 1, 1024));
    } else if (flag == "--db-timeout") {
        BISTIME_ASSIGN(const std::size_t seconds, read_count(flag, value, 1, 60));
        config.db_timeout_seconds = static_cast<int>(seconds);
    } else if (flag == "--request-timeout") {
        BISTIME_ASSIGN(const std::size_t seconds, read_count(flag, value, 1, 600));
        config.request_timeout_seconds = static_cast<int>(seconds);
    } else if (flag == "--max-connections") {
        BISTIME_ASSIGN(config.max_connections, read_count(flag, value, 0, 1000000));
    } else if (flag == "--max-connections-per-client") {
        BISTIME_ASSIGN(config.max_connections_per_client, read_count(flag, value, 0, 1000000));
    } else if (flag == "--shutdown-grace") {
        BISTIME_ASSIGN(const std::size_t seconds, read_count(flag, value, 0, 3600));
        config.shutdown_grace_seconds = static_cast<int>(seconds);
    } else if (flag == "--max-streams") {
        BISTIME_ASSIGN(config.max_streams, read_count(flag, value, 1, 100000));
    } else if (flag == "--slow-reader") {
        return read_slow_reader(value, config);
    } else if (flag == "--max-people") {
        BISTIME_ASSIGN(config.max_people, read_count(flag, value, 0, 100000));
    } else if (flag == "--cache-mb") {
        BISTIME_ASSIGN(config.cache_mb, read_count(flag, value, 0, 65536));
    } else if (flag == "--max-members") {
        BISTIME_ASSIGN(config.max_members, read_count(flag, value, 0, 100000));
    } else if (flag == "--create-rate") {
        return read_rate(flag, value, config.create_burst, config.create_per_second);
    } else if (flag == "--write-rate") {
        return read_rate(flag, value, config.write_burst, config.write_per_second);
    } else if (flag == "--trusted-proxy") {
        config.trusted_proxies.push_back(value);
    } else if (flag == "--threads") {
        BISTIME_ASSIGN(config.io_threads, read_count(flag, value, 1, 256));
    } else if (flag == "--cors-origin") {
        config.cors_origins.push_back(value);
    } else if (flag == "--timezone") {
        config.timezone = value;
    } else if (flag == "--event-link") {
        config.event_link = value;
    } else if (flag == "--retention-days") {
        BISTIME_ASSIGN(const std::size_t days, read_count(flag, value, 0, 36500));
        config.retention_days = static_cast<int>(days);
    } else if (flag == "--log-format") {
        if (value != "text" && value != "json") {
            return Error::invalid("--log-format expects text or json, not '" + value + "'");
        }
        config.log_json = value == "json";
    } else if (flag == "--web") {
        if (value != "on" && value != "off") {
            return Error::invalid("--web expects on or off, not '" + value + "'");
        }
        config.web = value == "on";
    } else {
        return Error::invalid("unknown option " + std::string(flag) + " (see --help)");
    }
    return {};
}

struct Setting {
    const char* flag;
    const char* variable;
};
constexpr Setting k_settings[] = {
    {"--address", "BISTIME_ADDRESS"},
    {"--port", "BISTIME_PORT"},
    {"--db", "BISTIME_DB"},
    {"--db-pool", "BISTIME_DB_POOL"},
    {"--workers", "BISTIME_WORKERS"},
    {"--db-timeout", "BISTIME_DB_TIMEOUT"},
    {"--threads", "BISTIME_THREADS"},
    {"--request-timeout", "BISTIME_REQUEST_TIMEOUT"},
    {"--max-connections", "BISTIME_MAX_CONNECTIONS"},
    {"--max-connections-per-client", "BISTIME_MAX_CONNECTIONS_PER_CLIENT"},
    {"--shutdown-grace", "BISTIME_SHUTDOWN_GRACE"},
    {"--max-people", "BISTIME_MAX_PEOPLE"},
    {"--max-streams", "BISTIME_MAX_STREAMS"},
    {"--slow-reader", "BISTIME_SLOW_READER"},
    {"--max-members", "BISTIME_MAX_MEMBERS"},
    {"--cache-mb", "BISTIME_CACHE_MB"},
    {"--create-rate", "BISTIME_CREATE_RATE"},
    {"--write-rate", "BISTIME_WRITE_RATE"},
    {"--timezone", "BISTIME_TIMEZONE"},
    {"--retention-days", "BISTIME_RETENTION_DAYS"},
    {"--event-link", "BISTIME_EVENT_LINK"},
    {"--web", "BISTIME_WEB"},
    {"--log-format", "BISTIME_LOG_FORMAT"},
};

}  // namespace

Result<ServerConfig> parse_server_config(const std::vector<std::string>& arguments,
                                         const EnvironmentReader& environment) {
    ServerConfig config;
    for (const Setting& setting : k_settings) {
        const std::string value = environment(setting.variable);
        if (!value.empty()) {
            if (auto applied = apply(config, setting.flag, value); !applied) {
                return Error::invalid(std::string(setting.variable) + ": " +
                                      applied.error().message);
            }
        }
    }
    if (const std::string quiet = environment("BISTIME_QUIET"); !quiet.empty()) {
        if (quiet != "1" && quiet != "0" && quiet != "true" && quiet != "false") {
            return Error::invalid("BISTIME_QUIET: expects 1, 0, true or false, not '" + quiet +
                                  "'");
        }
        config.log_requests = quiet == "0" || quiet == "false";
    }
    config.cors_origins = split_commas(environment("BISTIME_CORS_ORIGINS"));
    config.trusted_proxies = split_commas(environment("BISTIME_TRUSTED_PROXIES"));
    bool flag_origins = false;
    bool flag_proxies = false;

    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string flag = arguments[i];
        if (flag == "--help" || flag == "-h") {
            config.show_help = true;
            continue;
        }
        if (flag == "--quiet") {
            config.log_requests = false;
            continue;
        }
        if (flag == "--version") {
            config.show_version = true;
            continue;
        }
        if (flag == "--probe") {
            config.probe = true;
            continue;
        }
        std::string value;
        const auto equals = flag.find('=');
        if (equals != std::string::npos) {
            value = flag.substr(equals + 1);
            flag = flag.substr(0, equals);
        } else if (i + 1 < arguments.size()) {
            value = arguments[++i];
        } else {
            return Error::invalid(flag + " needs a value (see --help)");
        }
        if (flag == "--cors-origin" && !flag_origins) {
            config.cors_origins.clear();  // flags replace the environment's list
            flag_origins = true;
        }
        if (flag == "--trusted-proxy" && !flag_proxies) {
            config.trusted_proxies.clear();
            flag_proxies = true;
        }
        BISTIME_TRY(apply(config, flag, value));
    }
    if (config.timezone.empty()) {
        config.timezone = machine_timezone(environment);
    }
    return config;
}

std::string machine_timezone(const EnvironmentReader& environment) {
    // TZ may name a zone ("Europe/Berlin") or, with a leading ':', a file.
    std::string zone = environment("TZ");
    if (!zone.empty() && zone.front() == ':') {
        zone.erase(0, 1);
    }
    constexpr std::string_view k_zoneinfo = "zoneinfo/";
    if (const auto at = zone.find(k_zoneinfo); at != std::string::npos) {
        zone.erase(0, at + k_zoneinfo.size());
    }
    if (!zone.empty() && zone.front() != '/') {
        return zone;
    }
    // /etc/localtime is, on Debian and most systems, a link into the tz
    // database: its target names the zone.
    std::error_code error;
    const std::string target = std::filesystem::read_symlink("/etc/localtime", error).string();
    if (const auto at = target.find(k_zoneinfo); !error && at != std::string::npos) {
        return target.substr(at + k_zoneinfo.size());
    }
    return "UTC";
}

std::string server_usage() {
    return "usage: bistime-server [options]\n"
           "  --address ADDR       listen address (BISTIME_ADDRESS, default 127.0.0.1)\n"
           "  --port N             port, 0 for any free one (BISTIME_PORT, default 8080)\n"
           "  --db URL             sqlite:<path> or mysql://user:password@host:port/database\n"
           "                       (BISTIME_DB, default sqlite:bistime.db)\n"
           "  --db-pool N          database connections (BISTIME_DB_POOL, default 4)\n"
           "  --workers N          threads that run requests (BISTIME_WORKERS, default four\n"
           "                       per database connection)\n"
           "  --db-timeout S       seconds a connect, read, write or lock wait on the database\n"
           "                       may take before the request gets 503 (BISTIME_DB_TIMEOUT,\n"
           "                       default 3)\n"
           "  --threads N          I/O threads (BISTIME_THREADS, default 2)\n"
           "  --request-timeout S  seconds a request may take, waiting for a worker included;\n"
           "                       past it 503 (BISTIME_REQUEST_TIMEOUT, default 10)\n"
           "  --max-connections N  open connections; 0 takes the descriptor limit less 128\n"
           "                       (BISTIME_MAX_CONNECTIONS, default 0)\n"
           "  --max-connections-per-client N\n"
           "                       open connections from one address; 0 for no limit\n"
           "                       (BISTIME_MAX_CONNECTIONS_PER_CLIENT, default 256)\n"
           "  --shutdown-grace S   on SIGTERM, seconds to finish requests already read\n"
           "                       (BISTIME_SHUTDOWN_GRACE, default 10)\n"
           "  --max-streams N      answers too large to keep in memory, sent at once; past it\n"
           "                       503 (BISTIME_MAX_STREAMS, default 8)\n"
           "  --slow-reader B/S    a reader of such an answer taking fewer than B bytes in S\n"
           "                       seconds is cut; off to turn off (BISTIME_SLOW_READER,\n"
           "                       default 30720/30)\n"
           "  --max-people N       people one event may hold; 0 for no limit\n"
           "                       (BISTIME_MAX_PEOPLE, default 200)\n"
           "  --max-members N      members one team may hold; 0 for no limit\n"
           "                       (BISTIME_MAX_MEMBERS, default 200)\n"
           "  --cache-mb N         memory for events' answers, their written-out reads and\n"
           "                       teams' rosters between requests, in MiB (3/8, 1/2, 1/8);\n"
           "                       0 turns caching off\n"
           "                       (BISTIME_CACHE_MB, default 64)\n"
           "  --create-rate B/R    creating events, teams and members, per client address: a\n"
           "                       burst of B, then R a second; off to turn off\n"
           "                       (BISTIME_CREATE_RATE, default 100/1)\n"
           "  --write-rate B/R     every other write, per client address (BISTIME_WRITE_RATE,\n"
           "                       default off)\n"
           "  --trusted-proxy ADDR a reverse proxy whose X-Forwarded-For names the client;\n"
           "                       repeatable (BISTIME_TRUSTED_PROXIES, comma-separated)\n"
           "  --cors-origin ORIGIN allowed browser origin, repeatable; * for any\n"
           "                       (BISTIME_CORS_ORIGINS, comma-separated; default none)\n"
           "  --timezone ZONE      IANA time zone of the server's today (BISTIME_TIMEZONE,\n"
           "                       default the machine's: TZ, else /etc/localtime, else UTC)\n"
           "  --retention-days N   delete events N days after their last date; 0 never\n"
           "                       (BISTIME_RETENTION_DAYS, default 90)\n"
           "  --event-link URL     an event's public link, {uuid} for its uuid, put in calendar\n"
           "                       exports (BISTIME_EVENT_LINK, default none)\n"
           "  --web on|off         serve the web app outside /api/ (BISTIME_WEB, default on)\n"
           "  --log-format F       text or json: one line or one JSON object per request\n"
           "                       (BISTIME_LOG_FORMAT, default text)\n"
           "  --quiet              no log line per request (BISTIME_QUIET=1)\n"
           "  --version            the version, then exit\n"
           "  --probe              ask the server at --address and --port whether it is\n"
           "                       ready (GET /ready); exit 0 if so, 1 if not (for health\n"
           "                       checks where no HTTP client is installed)\n"
           "  --help               this text\n";
}

std::string server_version() {
    return BISTIME_VERSION;
}

}  // namespace bistime::app
