// Three bistime-servers on a three-node Galera cluster, nginx in front
// (scripts/cluster.sh: writes to server 1, servers 2 and 3 standing by;
// reads to all), under a bounded write load: the writing server's node and
// then the first stand-in server are killed with SIGKILL, then brought back. Every write that got a
// 2xx is on every node exactly once, clients saw errors only for requests in
// flight at a kill, the node rejoins by incremental state transfer, and the
// replaced server serves again.
#include <sys/wait.h>

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"
#include "write_load.hpp"

using namespace bistime::testing;
using Clock = std::chrono::steady_clock;

namespace {

// scripts/cluster.sh with its folder and server set: the command's output.
class Cluster {
  public:
    Cluster()
        : dir_(std::filesystem::temp_directory_path() /
               ("bistime-cluster-test-" + std::to_string(::getpid()))) {
        ::setenv("BISTIME_CLUSTER_DIR", dir_.c_str(), 1);
        ::setenv("BISTIME_SERVER", server_path().c_str(), 1);
        ::setenv("BISTIME_CLUSTER_SERVER_FLAGS", "--max-people 0", 1);
        run("down");  // what an interrupted run left
        up_ = true;
        run("up");
    }
    ~Cluster() {
        if (up_ && std::getenv("BISTIME_CLUSTER_KEEP") == nullptr) {
            run("down");
        }
    }
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    std::string run(const std::string& arguments) {
        const std::string command =
            std::string(BISTIME_SOURCE_DIR) + "/scripts/cluster.sh " + arguments + " 2>&1";
        FILE* pipe = ::popen(command.c_str(), "r");
        REQUIRE(pipe != nullptr);
        std::string out;
        char buffer[4096];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
            out += buffer;
        }
        const int status = ::pclose(pipe);
        INFO(command << '\n' << out);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
        return out;
    }

    std::uint16_t port(const std::string& what) {
        return static_cast<std::uint16_t>(std::stoi(run("port " + what)));
    }

    // Each acknowledged-write name on node `n` and its rows of the event.
    std::map<std::string, int> rows(int n, const std::string& uuid) {
        std::istringstream out(run("sql " + std::to_string(n) +
                                   " \"SELECT s.name, COUNT(*) FROM bistime.schedules s JOIN "
                                   "bistime.events e ON e.id = s.event_id WHERE e.uuid = '" +
                                   uuid + "' GROUP BY s.name\""));
        std::map<std::string, int> rows;
        std::string name;
        int count = 0;
        while (out >> name >> count) {
            rows[name] = count;
        }
        return rows;
    }

    std::string log(int node) {
        std::ifstream in(dir_ / ("node" + std::to_string(node)) / "error.log");
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

  private:
    std::filesystem::path dir_;
    bool up_ = false;
};

}  // namespace

TEST_CASE(
    "on a Galera cluster behind nginx, a killed node and a killed server lose no acknowledged "
    "write, the node rejoins by IST and the server is replaced",
    "[fault][cluster]") {
    const auto started = Clock::now();
    Cluster cluster;
    const auto nginx = cluster.port("nginx");
    const std::string uuid = create_event_with_dates(nginx, 2);
    REQUIRE_FALSE(uuid.empty());

    WriteLoad load(nginx, uuid, 4);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const auto node_killed = Clock::now();
    cluster.run("kill-node 1");  // the writing server's node
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const auto server_killed = Clock::now();
    cluster.run("kill-server 2");  // the first to stand in for it
    std::this_thread::sleep_for(std::chrono::seconds(2));
    cluster.run("start-server 2");  // the replacement
    const auto rejoin_started = Clock::now();
    cluster.run("start-node 1");
    const double rejoin = std::chrono::duration<double>(Clock::now() - rejoin_started).count();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    load.stop();

    // What clients saw.
    std::set<std::string> acknowledged;
    int errors = 0;
    int errors_outside_a_kill = 0;
    std::map<int, int> unexpected;  // status → count, of errors outside a kill
    std::string when;               // the first few of them
    double longest = 0;
    for (const auto& answer : load.answers()) {
        longest = std::max(longest, answer.seconds);
        if (answer.status == 201) {
            acknowledged.insert(answer.name);
            continue;
        }
        ++errors;
        const auto sent = answer.at - std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(answer.seconds));
        const auto in_flight_at = [&](Clock::time_point kill) {
            return sent <= kill + std::chrono::milliseconds(200) && answer.at >= kill;
        };
        if (!in_flight_at(node_killed) && !in_flight_at(server_killed)) {
            ++errors_outside_a_kill;
            unexpected[answer.status] += 1;
            if (errors_outside_a_kill <= 5) {
                when += std::to_string(answer.status) + " sent " +
                        std::to_string(std::chrono::duration<double>(sent - node_killed).count()) +
                        " s after the node's kill, answered in " + std::to_string(answer.seconds) +
                        " s; ";
            }
        }
    }
    // Every node, once the rejoined one has caught up, holds every
    // acknowledged write exactly once (a row per date), and the same rows.
    const auto on_node1 = cluster.rows(1, uuid);
    for (int node = 1; node <= 3; ++node) {
        INFO("node " << node);
        const auto rows = cluster.rows(node, uuid);
        for (const auto& name : acknowledged) {
            INFO(name);
            REQUIRE(rows.count(name) == 1);
            CHECK(rows.at(name) == 2);
        }
        CHECK(rows == on_node1);
    }
    const std::string status = cluster.run("status");
    INFO(status);
    CHECK(status.find("node 1 (sql") != std::string::npos);
    CHECK(status.find("Synced, cluster size 3") != std::string::npos);
    CHECK(status.find("server 2") != std::string::npos);
    CHECK(status.find("down") == std::string::npos);
    CHECK(status.find("/ready 503") == std::string::npos);
    CHECK(cluster.log(1).find("IST received") != std::string::npos);  // not a full copy
    CHECK(http_request(cluster.port("2 server"), "GET", "/ready").status == 200);

    const double total = std::chrono::duration<double>(Clock::now() - started).count();
    WARN("cluster: " << acknowledged.size() << " writes acknowledged, " << errors
                     << " errors, longest answer " << longest << " s, node rejoined in " << rejoin
                     << " s, whole test " << total << " s");
    CHECK(acknowledged.size() > 50);
    std::string statuses;
    for (const auto& [code, count] : unexpected) {
        statuses += std::to_string(code) + ": " + std::to_string(count) + "; ";
    }
    INFO("errors outside a kill, by status: " << statuses << "first: " << when);
    INFO("server killed " << std::chrono::duration<double>(server_killed - node_killed).count()
                          << " s and rejoin started "
                          << std::chrono::duration<double>(rejoin_started - node_killed).count()
                          << " s after the node's kill");
    CHECK(errors_outside_a_kill == 0);
    CHECK(total < 300);
}
