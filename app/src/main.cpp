// bistime-server: reads the configuration, starts the Application, and runs
// until SIGINT or SIGTERM, then stops after the requests in flight.
#include <signal.h>

#include <cstdlib>
#include <iostream>

#include "bistime/app/application.hpp"
#include "bistime/app/readiness_probe.hpp"
#include "bistime/app/server_config.hpp"
#include "bistime/log/operator_log.hpp"

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

    // Chosen before anything starts, so that every line is in one format.
    bistime::log::set_format(config->log_json ? bistime::log::Format::json
                                              : bistime::log::Format::text);
    auto application = Application::start(*config);
    if (!application) {
        bistime::log::write(bistime::log::Level::error, application.error().message);
        return 1;
    }
    bistime::log::announce("bistime-server " + server_version() + " listening on http://" +
                           config->address + ':' + std::to_string((*application)->port()) +
                           " (database " + config->database.substr(0, config->database.find(':')) +
                           ", time zone " + config->timezone + ")");

    int received = 0;
    sigwait(&stop_signals, &received);
    bistime::log::announce("bistime-server stopping on signal " + std::to_string(received));
    (*application)->stop();
    return 0;
}
