// A MariaDB server of the test's own, on loopback in a temporary folder, that
// the test may kill, freeze and restart — which the suites' shared server
// (scripts/mariadb.sh) must never suffer.
#pragma once

#include <cstdint>
#include <string>

#include <sys/types.h>

namespace bistime::testing {

class PrivateMariaDb {
  public:
    // Creates the data folder and starts the server; throws when it cannot.
    PrivateMariaDb();
    ~PrivateMariaDb();
    PrivateMariaDb(const PrivateMariaDb&) = delete;
    PrivateMariaDb& operator=(const PrivateMariaDb&) = delete;

    // mysql://… for bistime-server, with a user and database of its own.
    std::string url() const { return url_; }

    // Runs the SQL of `path` (a dump, say) in the database, as root; throws
    // when it fails.
    void load(const std::string& path);
    // The first column of the first row `select` answers, run as root in
    // the database; throws when it fails.
    std::string query(const std::string& select);

    void kill_hard();  // SIGKILL, as a crash would
    void freeze();     // SIGSTOP: the port still accepts, nothing answers
    void thaw();       // SIGCONT
    // Starts the server again on the same data and port; returns once it answers.
    void restart();

  private:
    void spawn();
    bool answers() const;
    // The end of the server's error log, for a failure's message.
    std::string error_log_tail() const;

    std::string dir_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
    std::string url_;
};

}  // namespace bistime::testing
