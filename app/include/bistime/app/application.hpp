// Application: bistime-server wired together — storage, clock, secrets, the
// use cases, the router and the HTTP server — from a ServerConfig. main()
// and the HTTP tests both start the server through it, so the tests exercise
// exactly what ships.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "bistime/app/server_config.hpp"
#include "bistime/core/result.hpp"

namespace bistime::app {

class Application {
  public:
    // Opens (and migrates) the database and starts serving.
    // Errors: invalid (configuration), unavailable (database, port).
    static Result<std::unique_ptr<Application>> start(const ServerConfig& config);
    ~Application();

    std::uint16_t port() const;
    // Stops accepting, lets requests already read finish and answers them
    // (for up to the configured shutdown grace), then closes. Idempotent.
    void stop();
    // Statements sent to the database so far (for tests and diagnostics).
    std::uint64_t statements_sent() const;

  private:
    struct Parts;
    explicit Application(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_;
    std::chrono::milliseconds shutdown_grace_{std::chrono::seconds(10)};
};

}  // namespace bistime::app
