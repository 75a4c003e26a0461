// Reading a database URL into a SOCI backend and connection string.
#pragma once

#include <string>
#include <string_view>

#include "bistime/core/result.hpp"

namespace bistime::sql::detail {

enum class Dialect { sqlite, mysql };

struct DatabaseTarget {
    Dialect dialect = Dialect::sqlite;
    std::string connect_string;  // in SOCI's key=value form
    std::string file;            // SQLite: the database file's path
};

// Errors: invalid, naming what is wrong with the URL (never echoing a password).
Result<DatabaseTarget> parse_database_url(std::string_view url);

}  // namespace bistime::sql::detail
