// bistime-server as an operator runs it: a child process with flags, stopped
// by a signal.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "../http/http_client.hpp"

extern char** environ;

namespace {

struct ServerProcess {
    pid_t pid = -1;
    int output = -1;  // the child's stdout and stderr

    explicit ServerProcess(std::vector<std::string> arguments) {
        int pipe_ends[2];
        REQUIRE(::pipe(pipe_ends) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 1);
        posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 2);
        posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
        arguments.insert(arguments.begin(), BISTIME_SERVER_PATH);
        std::vector<char*> argv;
        for (auto& argument : arguments) {
            argv.push_back(argument.data());
        }
        argv.push_back(nullptr);
        REQUIRE(posix_spawn(&pid, BISTIME_SERVER_PATH, &actions, nullptr, argv.data(), environ) ==
                0);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_ends[1]);
        output = pipe_ends[0];
    }
    ~ServerProcess() {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        ::close(output);
    }

    // Reads output until `marker` appears (or the child closes its output).
    std::string read_until(const std::string& marker) {
        char chunk[4096];
        while (text.find(marker) == std::string::npos) {
            const auto read = ::read(output, chunk, sizeof chunk);
            if (read <= 0) {
                break;
            }
            text.append(chunk, static_cast<std::size_t>(read));
        }
        return text;
    }

    int wait_for_exit() {
        int status = 0;
        ::waitpid(pid, &status, 0);
        pid = -1;
        read_until("\x01");  // everything up to end of output
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    std::string text;
};

std::string temp_database() {
    const auto path = std::filesystem::temp_directory_path() /
                      ("bistime-process-test-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    return "sqlite:" + path.string();
}

}  // namespace

TEST_CASE("the server prints the port it bound, logs each request and stops on SIGTERM", "[app]") {
    ServerProcess server({"--port", "0", "--db", temp_database()});
    const std::string banner = server.read_until("\n");
    const auto at = banner.find("http://127.0.0.1:");
    REQUIRE(at != std::string::npos);
    const int port = std::stoi(banner.substr(at + 17));
    REQUIRE(port > 0);

    auto health =
        bistime::testing::http_request(static_cast<std::uint16_t>(port), "GET", "/health-check");
    CHECK(health.status == 200);
    auto missing =
        bistime::testing::http_request(static_cast<std::uint16_t>(port), "GET", "/api/nowhere");
    CHECK(missing.status == 404);

    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
    CHECK(server.text.find("GET /health-check 200 ") != std::string::npos);
    CHECK(server.text.find("GET /api/nowhere 404 ") != std::string::npos);
    CHECK(server.text.find("stopping") != std::string::npos);
}

TEST_CASE("the server refuses to start on an unknown time zone", "[app]") {
    ServerProcess server(
        {"--port", "0", "--db", temp_database(), "--timezone", "Mars/Olympus_Mons"});
    CHECK(server.wait_for_exit() == 1);
    CHECK(server.text.find("unknown time zone") != std::string::npos);
}

TEST_CASE("the server refuses an unreadable database URL", "[app]") {
    ServerProcess server({"--port", "0", "--db", "postgres://nope"});
    CHECK(server.wait_for_exit() == 1);
    CHECK(server.text.find("sqlite:") != std::string::npos);
}

TEST_CASE("the server explains its flags with --help", "[app]") {
    ServerProcess server({"--help"});
    CHECK(server.wait_for_exit() == 0);
    CHECK(server.text.find("--cors-origin") != std::string::npos);
    ServerProcess wrong({"--bogus", "1"});
    CHECK(wrong.wait_for_exit() == 2);
}

TEST_CASE("the server serves the web app by default and only the API with --web off", "[app]") {
    for (const bool web : {true, false}) {
        std::vector<std::string> arguments{"--port", "0", "--db", temp_database(), "--quiet"};
        if (!web) {
            arguments.insert(arguments.end(), {"--web", "off"});
        }
        ServerProcess server(arguments);
        const std::string banner = server.read_until("\n");
        const auto at = banner.find("http://127.0.0.1:");
        REQUIRE(at != std::string::npos);
        const auto port = static_cast<std::uint16_t>(std::stoi(banner.substr(at + 17)));
        auto home = bistime::testing::http_request(port, "GET", "/");
        INFO("web " << (web ? "on" : "off"));
        CHECK(home.status == (web ? 200 : 404));
        CHECK(home.header("content-type").find(web ? "text/html" : "application/json") == 0);
        CHECK(bistime::testing::http_request(port, "GET", "/health-check").status == 200);
    }
}
