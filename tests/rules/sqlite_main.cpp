// The storage suite on SQLite: each test case gets a fresh database file,
// named after the test so that a test reopening its database finds it again.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

#include "sql_test_storage.hpp"

namespace bistime::testing {

std::string test_database_url() {
    static const auto directory = [] {
        auto path = std::filesystem::temp_directory_path() /
                    ("bistime-sqlite-tests-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
        return path;
    }();
    const auto test = std::hash<std::string>{}(Catch::getResultCapture().getCurrentTestName());
    return "sqlite:" + (directory / ("test-" + std::to_string(test) + ".db")).string();
}

std::unique_ptr<TestStorage> open_test_storage() {
    return std::make_unique<SqlTestStorage>(test_database_url());
}

}  // namespace bistime::testing
