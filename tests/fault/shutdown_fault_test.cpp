// Stopping under load: SIGTERM must not drop an answer to a request the
// server has read, and a write it committed must have been acknowledged.
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"

using namespace bistime::testing;

TEST_CASE("SIGTERM under load answers every request the server read", "[fault]") {
    const std::string database = temp_sqlite_url("fault-sigterm");
    std::string uuid;
    {
        ServerProcess server(server_path(),
                             {"--port", "0", "--db", database, "--quiet", "--max-people", "0"});
        const auto port = server.read_port();
        REQUIRE(port > 0);
        uuid = create_event_with_dates(port, 2);

        // Password-protected writes hash with Argon2id, so each takes a while
        // and many are in flight when the signal comes.
        constexpr int k_clients = 8;
        std::atomic<bool> stop{false};
        std::atomic<int> acknowledged{0};
        std::atomic<int> answers_lost{0};  // a request written, then EOF with no answer
        std::vector<std::set<std::string>> acked_names(k_clients);
        std::vector<std::thread> clients;
        for (int c = 0; c < k_clients; ++c) {
            clients.emplace_back([&, c] {
                for (int i = 0; !stop.load(); ++i) {
                    const std::string name = "p" + std::to_string(c) + "-" + std::to_string(i);
                    const std::string body =
                        "{\"name\":\"" + name +
                        "\",\"password\":\"secret-pass\",\"availability\":[\"" +
                        std::string(48, '1') + "\",\"" + std::string(48, '0') + "\"]}";
                    std::unique_ptr<HttpConnection> connection;
                    try {
                        connection = std::make_unique<HttpConnection>(port);
                    } catch (const std::exception&) {
                        return;  // the listener is closed: the server is stopping
                    }
                    try {
                        auto reply =
                            connection->request("POST", "/api/events/" + uuid + "/schedules", body);
                        if (reply.status == 201) {
                            acknowledged.fetch_add(1);
                            acked_names[static_cast<std::size_t>(c)].insert(name);
                        }
                    } catch (const std::exception&) {
                        answers_lost.fetch_add(1);
                    }
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        REQUIRE(::kill(server.pid, SIGTERM) == 0);
        const int status = server.wait_for_exit();
        stop.store(true);
        for (auto& client : clients) {
            client.join();
        }
        CHECK(status == 0);
        INFO(server.text);
        CHECK(acknowledged.load() > 0);

        // Whatever the server committed, it acknowledged, and nothing else.
        ServerProcess again(server_path(),
                            {"--port", "0", "--db", database, "--quiet", "--max-people", "0"});
        const auto again_port = again.read_port();
        REQUIRE(again_port > 0);
        const auto stored = participant_names(again_port, uuid);
        std::set<std::string> acked;
        for (const auto& names : acked_names) {
            acked.insert(names.begin(), names.end());
        }
        CHECK(stored == acked);
        // A request can be refused before it is read (the connection closes
        // when the server stops); it must never be read, committed and dropped.
        INFO("requests that got no answer: " << answers_lost.load());
        CHECK(stored.size() == static_cast<std::size_t>(acknowledged.load()));
    }
}
