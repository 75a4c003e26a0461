// bistime-server: reads the configuration, starts the Application, and runs
// until SIGINT or SIGTERM, then stops after the requests in flight.
#include <signal.h>

#include <cstdlib>
#include <iostream>

#include "bistime/app/application.hpp"
#include "bistime/app/readiness_probe.hpp"
#include "bistime/app/server_config.hpp"

int main(int argc, char** argv) {
    using namespace bistime::app;
    auto config =
        parse_server_config(std::vector<std::string>(argv + 1, argv + argc), [](const char* name) {
            const char* value = std::getenv(name);
            return std::string(value ? value : "");
        });
    if (!config) {
        std::cerr << "bistime-server: " << config.error().message << '\n';
        return 2;
    }
    if (config->show_help) {
        std::cout << server_usage();
        return 0;
    }
    if (config->show_version) {
        std::cout << "bistime-server " << server_version() << '\n';
        return 0;
    }
    if (config->probe) {
        // A server listening on every address answers on loopback too.
        const bool any = config->address == "0.0.0.0" || config->address == "::";
        return server_is_ready(any ? "127.0.0.1" : config->address, config->port) ? 0 : 1;
    }

    // Blocked before any thread starts, so every thread inherits the mask and
    // the signals wait for sigwait below instead of killing the process.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto application = Application::start(*config);
    if (!application) {
        std::cerr << "bistime-server: " << application.error().message << '\n';
        return 1;
    }
    std::cout << "bistime-server " << server_version() << " listening on http://" << config->address
              << ':' << (*application)->port() << " (database "
              << config->database.substr(0, config->database.find(':')) << ", time zone "
              << config->timezone << ")" << std::endl;

    int received = 0;
    sigwait(&stop_signals, &received);
    std::cout << "bistime-server: stopping on signal " << received << std::endl;
    (*application)->stop();
    return 0;
}
