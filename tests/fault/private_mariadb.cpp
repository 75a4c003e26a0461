#include "private_mariadb.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace bistime::testing {
namespace {

std::string user_name() {
    const char* user = std::getenv("USER");
    if (user != nullptr && *user != '\0') {
        return user;
    }
    return std::to_string(::getuid()) == "0" ? "root" : "nobody";
}

}  // namespace

PrivateMariaDb::PrivateMariaDb() {
    char pattern[] = "/tmp/bistime-fault-mariadb.XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        throw std::runtime_error("cannot make a folder for MariaDB");
    }
    dir_ = pattern;
    const std::string install = "mariadb-install-db --no-defaults --datadir=" + dir_ +
                                "/data --user=" + user_name() + " --skip-test-db >" + dir_ +
                                "/install.log 2>&1";
    if (std::system(install.c_str()) != 0) {
        throw std::runtime_error("mariadb-install-db failed; see " + dir_ + "/install.log");
    }
    std::mt19937 random(std::random_device{}());
    for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
        // Below Linux's ephemeral ports (32768 and up), which the tests'
        // own client connections take; scripts/mariadb.sh uses 20000–26999.
        port_ = static_cast<std::uint16_t>(27000 + random() % 5700);
        spawn();
        for (int waited = 0; waited < 120 && !answers(); ++waited) {
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;  // the port was taken: try another
                break;
            }
        }
    }
    if (pid_ < 0 || !answers()) {
        throw std::runtime_error("MariaDB did not start:\n" + error_log_tail());
    }
    const std::string password = "fault-" + std::to_string(random());
    const std::string setup = "mariadb --no-defaults --socket=" + dir_ +
                              "/mysqld.sock -uroot -e \"CREATE DATABASE bistime CHARACTER SET "
                              "utf8mb4 COLLATE utf8mb4_bin; CREATE USER 'bistime'@'127.0.0.1' "
                              "IDENTIFIED BY '" +
                              password + "'; GRANT ALL ON bistime.* TO 'bistime'@'127.0.0.1';\"";
    if (std::system(setup.c_str()) != 0) {
        throw std::runtime_error("cannot create the test database");
    }
    url_ = "mysql://bistime:" + password + "@127.0.0.1:" + std::to_string(port_) + "/bistime";
}

void PrivateMariaDb::load(const std::string& path) {
    const std::string command =
        "mariadb --no-defaults --socket=" + dir_ + "/mysqld.sock -uroot bistime < '" + path + "'";
    if (std::system(command.c_str()) != 0) {
        throw std::runtime_error("cannot load " + path);
    }
}

std::string PrivateMariaDb::query(const std::string& select) {
    const std::string command = "mariadb --no-defaults --socket=" + dir_ +
                                "/mysqld.sock -uroot -N -B bistime -e \"" + select + "\"";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        throw std::runtime_error("cannot run " + command);
    }
    std::string answer;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        answer += buffer;
    }
    if (::pclose(pipe) != 0) {
        throw std::runtime_error("query failed: " + select);
    }
    return answer.substr(0, answer.find('\n'));
}

PrivateMariaDb::~PrivateMariaDb() {
    if (pid_ > 0) {
        ::kill(pid_, SIGCONT);
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void PrivateMariaDb::spawn() {
    std::vector<std::string> arguments{"mariadbd",
                                       "--no-defaults",
                                       "--datadir=" + dir_ + "/data",
                                       "--user=" + user_name(),
                                       "--socket=" + dir_ + "/mysqld.sock",
                                       "--pid-file=" + dir_ + "/mysqld.pid",
                                       "--port=" + std::to_string(port_),
                                       "--bind-address=127.0.0.1",
                                       "--skip-name-resolve",
                                       "--innodb-buffer-pool-size=64M",
                                       "--log-error=" + dir_ + "/error.log"};
    std::vector<char*> argv;
    for (auto& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "mariadbd", nullptr, nullptr, argv.data(), environ) != 0) {
        pid_ = -1;
        throw std::runtime_error("cannot run mariadbd");
    }
}

bool PrivateMariaDb::answers() const {
    const std::string ping = "mariadb-admin --no-defaults --connect-timeout=2 --socket=" + dir_ +
                             "/mysqld.sock -uroot ping >/dev/null 2>&1";
    return std::system(ping.c_str()) == 0;
}

void PrivateMariaDb::kill_hard() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

void PrivateMariaDb::freeze() {
    ::kill(pid_, SIGSTOP);
}

void PrivateMariaDb::thaw() {
    ::kill(pid_, SIGCONT);
}

void PrivateMariaDb::restart() {
    // After a crash the server recovers InnoDB before it answers, which a
    // loaded machine makes slow; and a start can fail outright (the port not
    // yet free). So: up to a minute, starting it again whenever it exits.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    spawn();
    while (!answers()) {
        if (std::chrono::steady_clock::now() > give_up) {
            throw std::runtime_error("MariaDB did not restart:\n" + error_log_tail());
        }
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            spawn();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

std::string PrivateMariaDb::error_log_tail() const {
    std::ifstream log(dir_ + "/error.log");
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace bistime::testing
