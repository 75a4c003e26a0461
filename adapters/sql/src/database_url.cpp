#include "database_url.hpp"

#include <cctype>

namespace bistime::sql::detail {
namespace {

std::string percent_decode(std::string_view text, bool& ok) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
                ok = false;
                return {};
            }
            out.push_back(
                static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

// SOCI's connection strings are key=value pairs split on spaces, with no way
// to escape a space or a quote inside a value, so such values are refused.
bool fits_connect_string(std::string_view value) {
    return value.find_first_of(" \"'") == std::string_view::npos;
}

}  // namespace

Result<DatabaseTarget> parse_database_url(std::string_view url) {
    constexpr std::string_view k_sqlite = "sqlite:";
    constexpr std::string_view k_mysql = "mysql://";
    if (url.substr(0, k_sqlite.size()) == k_sqlite) {
        std::string_view path = url.substr(k_sqlite.size());
        if (path.substr(0, 2) == "//") {
            path.remove_prefix(2);  // also accept sqlite://path
        }
        if (path.empty() || !fits_connect_string(path)) {
            return Error::invalid(
                "sqlite URL needs a path without spaces or quotes: sqlite:<path>");
        }
        return DatabaseTarget{Dialect::sqlite, "db=" + std::string(path), std::string(path)};
    }
    if (url.substr(0, k_mysql.size()) == k_mysql) {
        std::string_view rest = url.substr(k_mysql.size());
        const auto at = rest.rfind('@');
        const auto slash = rest.find('/', at == std::string_view::npos ? 0 : at);
        if (at == std::string_view::npos || slash == std::string_view::npos) {
            return Error::invalid("mysql URL must be mysql://user:password@host:port/database");
        }
        const std::string_view credentials = rest.substr(0, at);
        const std::string_view host_port = rest.substr(at + 1, slash - at - 1);
        const std::string_view database = rest.substr(slash + 1);
        const auto colon = credentials.find(':');
        bool ok = true;
        const std::string user = percent_decode(credentials.substr(0, colon), ok);
        const std::string password = colon == std::string_view::npos
                                         ? ""
                                         : percent_decode(credentials.substr(colon + 1), ok);
        const auto port_colon = host_port.rfind(':');
        const std::string host(host_port.substr(0, port_colon));
        const std::string port = port_colon == std::string_view::npos
                                     ? "3306"
                                     : std::string(host_port.substr(port_colon + 1));
        const bool port_ok = !port.empty() && port.size() <= 5 &&
                             port.find_first_not_of("0123456789") == std::string::npos;
        if (!ok || user.empty() || host.empty() || database.empty() || !port_ok ||
            !fits_connect_string(user) || !fits_connect_string(password) ||
            !fits_connect_string(host) || !fits_connect_string(database)) {
            return Error::invalid(
                "mysql URL must be mysql://user:password@host:port/database (percent-encoded, no "
                "spaces or quotes)");
        }
        std::string connect = "host=" + host + " port=" + port + " user=" + user +
                              " db=" + std::string(database) + " charset=utf8mb4";
        if (!password.empty()) {
            connect += " password=" + password;
        }
        return DatabaseTarget{Dialect::mysql, connect, ""};
    }
    return Error::invalid("database URL must start with sqlite: or mysql://");
}

}  // namespace bistime::sql::detail
