// The storage suite on MySQL/MariaDB. The database comes from the environment
// (BISTIME_TEST_MYSQL_URL, set by scripts/test.sh, which starts a private
// MariaDB); without it the suite fails rather than pass untested. Tests share
// the database and touch only the rows they create.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "sql_test_storage.hpp"

namespace bistime::testing {

std::string test_database_url() {
    const char* url = std::getenv("BISTIME_TEST_MYSQL_URL");
    if (url == nullptr || *url == '\0') {
        throw std::runtime_error("BISTIME_TEST_MYSQL_URL is not set (scripts/test.sh sets it)");
    }
    return url;
}

std::unique_ptr<TestStorage> open_test_storage() {
    return std::make_unique<SqlTestStorage>(test_database_url());
}

}  // namespace bistime::testing
