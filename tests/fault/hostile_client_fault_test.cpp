// Hostile clients: requests built to make the server work without end.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"

using namespace bistime::testing;
using Clock = std::chrono::steady_clock;

TEST_CASE(
    "calendar imports with recurrence bombs are refused within 2 s while the server stays "
    "responsive",
    "[fault][serial]") {
    ServerProcess server(server_path(),
                         {"--port", "0", "--db", temp_sqlite_url("fault-rrule"), "--quiet"});
    const auto port = server.read_port();
    REQUIRE(port > 0);
    const std::string uuid = create_event_with_dates(port, 2);
    REQUIRE_FALSE(uuid.empty());
    const auto calendar = [](const std::string& rule) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:b@x\r\n"
               "DTSTAMP:20260101T000000Z\r\nDTSTART:19700101T000000Z\r\nRRULE:" +
               rule + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    };
    // One event a second since 1970, two billion times (214 bytes); and a
    // yearly rule that its BY parts turn into every second of every year,
    // counted from 1970 (without COUNT the walk would start at the dates).
    std::string all_minutes = "0";
    for (int i = 1; i < 60; ++i) {
        all_minutes += "," + std::to_string(i);
    }
    const std::string bombs[] = {calendar("FREQ=SECONDLY;COUNT=2000000000"),
                                 calendar("FREQ=YEARLY;COUNT=2000000000;BYMONTH=1,2,3,4,5,6,7,8,9,"
                                          "10,11,12;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,"
                                          "11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=" +
                                          all_minutes + ";BYSECOND=" + all_minutes)};

    // More bombs than workers (4), all at once.
    constexpr int k_bombs = 8;
    std::vector<int> statuses(k_bombs);
    std::vector<double> seconds(k_bombs);
    std::vector<std::thread> bombers;
    for (int b = 0; b < k_bombs; ++b) {
        bombers.emplace_back([&, b] {
            const auto started = Clock::now();
            statuses[b] = http_request(port, "POST",
                                       "/api/events/" + uuid + "/schedules/import?name=Bomb" +
                                           std::to_string(b),
                                       bombs[b % 2], {{"Content-Type", "text/calendar"}})
                              .status;
            seconds[b] = std::chrono::duration<double>(Clock::now() - started).count();
        });
    }
    double slowest_health = 0;
    double slowest_read = 0;
    for (int i = 0; i < 20; ++i) {
        auto started = Clock::now();
        CHECK(http_request(port, "GET", "/health-check").status == 200);
        slowest_health =
            std::max(slowest_health, std::chrono::duration<double>(Clock::now() - started).count());
        started = Clock::now();
        CHECK(http_request(port, "GET", "/api/events/" + uuid).status == 200);
        slowest_read =
            std::max(slowest_read, std::chrono::duration<double>(Clock::now() - started).count());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (auto& bomber : bombers) {
        bomber.join();
    }
    double slowest_bomb = 0;
    for (int b = 0; b < k_bombs; ++b) {
        INFO("bomb " << b);
        CHECK(statuses[b] == 400);
        slowest_bomb = std::max(slowest_bomb, seconds[b]);
    }
    WARN("slowest bomb answer " << slowest_bomb << " s; slowest health-check " << slowest_health
                                << " s; slowest event read " << slowest_read << " s");
    CHECK(slowest_bomb < 2.0);
    CHECK(slowest_health < 0.1);
    CHECK(participant_names(port, uuid).empty());  // nothing was stored

    // And the server still stops when asked.
    REQUIRE(::kill(server.pid, SIGTERM) == 0);
    CHECK(server.wait_for_exit() == 0);
}

namespace {

// Opens a TCP connection to the port and sends nothing; -1 when refused.
int idle_connection(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// CPU seconds the process has used, from /proc.
double cpu_seconds(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    long ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14 || i == 15) {  // utime, stime
            ticks += std::stol(field);
        }
    }
    return static_cast<double>(ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace

TEST_CASE(
    "1,500 idle connections against a 1,024-descriptor limit leave the server responsive "
    "and idle",
    "[fault]") {
    // Each way of meeting the limit: the derived connection cap, the
    // per-client cap, and a cap set above what the descriptors allow (the
    // acceptor then meets EMFILE itself).
    const std::vector<std::vector<std::string>> setups = {
        {"--max-connections-per-client", "0"},
        {},
        {"--max-connections", "5000", "--max-connections-per-client", "0"},
    };
    for (const auto& setup : setups) {
        std::vector<std::string> arguments{
            "--nofile=1024", server_path(), "--port", "0", "--db", temp_sqlite_url("fault-idle"),
            "--quiet"};
        arguments.insert(arguments.end(), setup.begin(), setup.end());
        ServerProcess server("/usr/bin/prlimit", arguments);
        const auto port = server.read_port();
        REQUIRE(port > 0);
        std::string described;
        for (const auto& word : setup) {
            described += word + ' ';
        }
        INFO("setup: " << described);

        std::vector<int> idle;
        for (int i = 0; i < 1500; ++i) {
            const int fd = idle_connection(port);
            if (fd >= 0) {
                idle.push_back(fd);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const double cpu_before = cpu_seconds(server.pid);
        std::this_thread::sleep_for(std::chrono::seconds(2));
        const double cpu_idle = cpu_seconds(server.pid) - cpu_before;

        double slowest = 0;
        int answered = 0;
        for (int i = 0; i < 20; ++i) {
            const auto started = Clock::now();
            try {
                answered += http_request(port, "GET", "/health-check").status == 200 ? 1 : 0;
            } catch (const std::exception&) {
            }
            slowest =
                std::max(slowest, std::chrono::duration<double>(Clock::now() - started).count());
        }
        for (const int fd : idle) {
            ::close(fd);
        }
        WARN(described << ": " << idle.size() << " idle connections opened; server CPU " << cpu_idle
                       << " s over 2 s; " << answered << "/20 answered, slowest " << slowest
                       << " s");
        CHECK(answered == 20);
        CHECK(slowest < 1.0);
        CHECK(cpu_idle < 0.5);  // a spinning acceptor burns the whole 2 s
    }
}
