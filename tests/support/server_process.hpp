// bistime-server as an operator runs it, for the tests: a child process with
// flags, its stdout and stderr captured, stopped by a signal.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace bistime::testing {

class ServerProcess {
  public:
    // Starts `program` with `arguments`; throws when it cannot be spawned.
    ServerProcess(const std::string& program, std::vector<std::string> arguments) {
        int pipe_ends[2];
        if (::pipe(pipe_ends) != 0) {
            throw std::runtime_error("pipe failed");
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 1);
        posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 2);
        posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
        arguments.insert(arguments.begin(), program);
        std::vector<char*> argv;
        for (auto& argument : arguments) {
            argv.push_back(argument.data());
        }
        argv.push_back(nullptr);
        const int spawned =
            posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_ends[1]);
        output_ = pipe_ends[0];
        if (spawned != 0) {
            pid = -1;
            throw std::runtime_error("cannot start " + program);
        }
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess() {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        ::close(output_);
    }

    // Reads output until `marker` appears (or the child closes its output).
    const std::string& read_until(const std::string& marker) {
        char chunk[4096];
        while (text.find(marker) == std::string::npos) {
            const auto read = ::read(output_, chunk, sizeof chunk);
            if (read <= 0) {
                break;
            }
            text.append(chunk, static_cast<std::size_t>(read));
        }
        return text;
    }

    // The port from bistime-server's banner; 0 when the banner never came.
    std::uint16_t read_port() {
        read_until("\n");
        const std::string prefix = "listening on http://127.0.0.1:";
        const auto at = text.find(prefix);
        if (at == std::string::npos) {
            return 0;
        }
        return static_cast<std::uint16_t>(std::stoi(text.substr(at + prefix.size())));
    }

    // Waits for the child; its exit status, or -1 when a signal ended it.
    int wait_for_exit() {
        int status = 0;
        ::waitpid(pid, &status, 0);
        pid = -1;
        read_until("\x01");  // everything up to end of output
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    pid_t pid = -1;
    std::string text;  // the output read so far

  private:
    int output_ = -1;
};

// A fresh SQLite URL in the temporary folder, unique to this process and `name`.
inline std::string temp_sqlite_url(const std::string& name) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("bistime-" + name + "-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    return "sqlite:" + path.string();
}

}  // namespace bistime::testing
