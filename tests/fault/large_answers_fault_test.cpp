// Large answers against a real server process: the CSV of the largest event
// the limits allow (200 people on 366 dates of 96 quarter-hour slots, random
// answers: about 200 MB of text) must not stall the I/O threads, hold memory
// per reader, or be held open by a reader that does not read.
//
// Seeding that event takes a while, so it is seeded once per build folder
// (next to bistime-server) and each test starts its server on a copy.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "../http/http_client.hpp"
#include "fault_support.hpp"

using namespace bistime::testing;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr int k_people = 200;
constexpr int k_dates = 366;

// Writes the largest event into a fresh database at `path`; its uuid.
std::string seed_largest_event(const fs::path& path) {
    ServerProcess server(server_path(), {"--port", "0", "--db", "sqlite:" + path.string(),
                                         "--quiet", "--create-rate", "off"});
    const auto port = server.read_port();
    REQUIRE(port > 0);
    HttpConnection connection(port);
    auto created = connection.request(
        "POST", "/api/events",
        R"({"title":"Everyone","startTime":"00:00","endTime":"24:00","slotMinutes":15})");
    REQUIRE(created.status == 201);
    rapidjson::Document event;
    event.Parse(created.body.c_str());
    const std::string uuid = event["uuid"].GetString();
    std::string dates;
    for (int i = 0; i < k_dates; ++i) {
        dates += (i ? ",\"" : "\"") + date_from_today(2 + i) + "\"";
    }
    REQUIRE(connection
                .request("POST", "/api/events/" + uuid + "/dates",
                         "{\"additionalDates\":[" + dates + "]}")
                .status == 201);
    std::mt19937 random(26);
    for (int person = 0; person < k_people; ++person) {
        std::string days;
        for (int d = 0; d < k_dates; ++d) {
            std::string day(96, '0');
            for (char& slot : day) {
                slot = static_cast<char>('0' + random() % 3);
            }
            days += (d ? ",\"" : "\"") + day + "\"";
        }
        const auto put = connection.request("POST", "/api/events/" + uuid + "/schedules",
                                            "{\"name\":\"Person number " + std::to_string(person) +
                                                "\",\"availability\":[" + days + "]}");
        REQUIRE(put.status == 201);
    }
    ::kill(server.pid, SIGTERM);  // a clean stop: the database whole in one file
    server.wait_for_exit();
    return uuid;
}

// A server on a copy of the seeded database, with `settings` (environment
// variables, which an older server ignores rather than refusing to start).
using Settings = std::vector<std::pair<std::string, std::string>>;

struct LargeEventServer {
    explicit LargeEventServer(const Settings& settings = {}) {
        const fs::path folder = fs::path(server_path()).parent_path();
        const fs::path seed = folder / "large-answers-seed.db";
        const fs::path seed_uuid = folder / "large-answers-seed.uuid";
        {
            // One test process seeds; the others wait for it.
            const int lock =
                ::open((folder / "large-answers-seed.lock").c_str(), O_CREAT | O_RDWR, 0644);
            ::flock(lock, LOCK_EX);
            if (!fs::exists(seed_uuid)) {
                fs::remove(seed);
                const auto started = Clock::now();
                const std::string made = seed_largest_event(seed);
                std::ofstream(seed_uuid) << made;
                WARN("seeded the largest event in "
                     << std::chrono::duration<double>(Clock::now() - started).count() << " s");
            }
            std::ifstream(seed_uuid) >> uuid;
            ::close(lock);
        }
        const std::string url = temp_sqlite_url("large-answers");
        fs::copy_file(seed, url.substr(7), fs::copy_options::overwrite_existing);
        for (const auto& [name, value] : settings) {
            ::setenv(name.c_str(), value.c_str(), 1);
        }
        process = std::make_unique<ServerProcess>(
            server_path(), std::vector<std::string>{"--port", "0", "--db", url, "--quiet"});
        for (const auto& setting : settings) {
            ::unsetenv(setting.first.c_str());
        }
        port = process->read_port();
        REQUIRE(port > 0);
    }

    std::string csv_target() const { return "/api/events/" + uuid + "/export.csv"; }

    std::unique_ptr<ServerProcess> process;
    std::uint16_t port = 0;
    std::string uuid;
};

// The process's resident memory now, in MiB (VmRSS).
double resident_mib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

// A client on a raw socket, to read as slowly as an attacker would.
class RawClient {
  public:
    // `receive_buffer` > 0 shrinks the socket's receive buffer (before connecting).
    explicit RawClient(std::uint16_t port, int receive_buffer = 0) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (receive_buffer > 0) {
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~RawClient() { ::close(fd_); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool connected() const { return connected_; }

    // Whether the server has closed or reset the connection, though bytes
    // it sent before may still wait in this socket's receive buffer.
    bool server_closed() const {
        tcp_info info{};
        socklen_t size = sizeof info;
        return ::getsockopt(fd_, IPPROTO_TCP, TCP_INFO, &info, &size) == 0 &&
               info.tcpi_state != TCP_ESTABLISHED;
    }

    void send(const std::string& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                return;
            }
            sent += static_cast<std::size_t>(n);
        }
    }

    // Reads up to `limit` bytes, waiting at most `wait`; 0 at end of stream
    // (or a reset), -1 when nothing came in time.
    long read_some(std::string& out, std::size_t limit, std::chrono::milliseconds wait) {
        timeval timeout{};
        timeout.tv_sec = static_cast<time_t>(wait.count() / 1000);
        timeout.tv_usec = static_cast<suseconds_t>((wait.count() % 1000) * 1000);
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        std::string chunk(limit, '\0');
        const auto n = ::recv(fd_, chunk.data(), chunk.size(), 0);
        if (n < 0) {
            return errno == EAGAIN || errno == EWOULDBLOCK ? -1 : 0;
        }
        out.append(chunk.data(), static_cast<std::size_t>(n));
        return n;
    }

    // Reads until the head of a response has come; the head, or "" when the
    // connection ended first. Bytes past the head stay in `rest`.
    std::string read_head(std::string& rest) {
        while (rest.find("\r\n\r\n") == std::string::npos) {
            if (read_some(rest, 16384, std::chrono::seconds(20)) <= 0) {
                return "";
            }
        }
        const auto end = rest.find("\r\n\r\n") + 4;
        std::string head = rest.substr(0, end);
        rest.erase(0, end);
        return head;
    }

  private:
    int fd_ = -1;
    bool connected_ = false;
};

std::string get_request(const std::string& target, const std::string& extra = "") {
    return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
}

int status_of(const std::string& head) {
    return head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
}

// A chunked body decoded as it streams in, fed to `take` piece by piece.
template <typename Take>
bool read_chunked(RawClient& client, std::string& rest, Take take) {
    for (;;) {
        while (rest.find("\r\n") == std::string::npos) {
            if (client.read_some(rest, 1 << 20, std::chrono::seconds(20)) <= 0) {
                return false;
            }
        }
        const std::size_t size = std::stoul(rest.substr(0, rest.find("\r\n")), nullptr, 16);
        rest.erase(0, rest.find("\r\n") + 2);
        while (rest.size() < size + 2) {
            if (client.read_some(rest, 1 << 20, std::chrono::seconds(20)) <= 0) {
                return false;
            }
        }
        if (size == 0) {
            return true;
        }
        take(std::string_view(rest).substr(0, size));
        rest.erase(0, size + 2);
    }
}

// FNV-1a, to compare 200 MB bodies without keeping them.
struct Digest {
    std::uint64_t hash = 14695981039346656037ull;
    std::size_t bytes = 0;
    void add(std::string_view data) {
        for (const char c : data) {
            hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        }
        bytes += data.size();
    }
};

}  // namespace

TEST_CASE("health checks answer within 100 ms while HEAD of the largest CSV runs in loops",
          "[fault][limits][serial]") {
    LargeEventServer server;
    std::atomic<bool> done{false};
    std::atomic<int> heads{0};
    std::vector<std::thread> loops;
    for (int i = 0; i < 4; ++i) {
        loops.emplace_back([&] {
            HttpConnection connection(server.port);
            while (!done.load()) {
                const auto head = connection.request("HEAD", server.csv_target());
                heads += head.status == 200 ? 1 : 0;
            }
        });
    }
    HttpConnection probe(server.port);
    double worst_ms = 0;
    const auto until = Clock::now() + std::chrono::seconds(6);
    int probes = 0;
    while (Clock::now() < until) {
        const auto started = Clock::now();
        const auto health = probe.request("GET", "/health-check");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        CHECK(health.status == 200);
        worst_ms = std::max(worst_ms, ms);
        ++probes;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    done = true;
    for (auto& loop : loops) {
        loop.join();
    }
    WARN(probes << " health checks, the slowest " << worst_ms << " ms, beside " << heads.load()
                << " HEADs of the CSV");
    CHECK(heads.load() > 0);
    CHECK(worst_ms < 100.0);
}

TEST_CASE("a hundred slow readers of the largest CSV add under 100 MB to the server's memory",
          "[fault][limits]") {
    // Enough streams allowed for all of them: the bound is per reader. Each
    // is a client of its own, named by X-Forwarded-For behind a trusted
    // loopback proxy (one client may hold only two streams).
    LargeEventServer server(
        Settings{{"BISTIME_MAX_STREAMS", "200"}, {"BISTIME_TRUSTED_PROXIES", "127.0.0.1"}});
    // A first read writes what the server keeps for the event.
    REQUIRE(http_request(server.port, "HEAD", server.csv_target()).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const double before = resident_mib(server.process->pid);
    std::vector<std::unique_ptr<RawClient>> readers;
    for (int i = 0; i < 100; ++i) {
        readers.push_back(std::make_unique<RawClient>(server.port, 16384));
        readers.back()->send(get_request(
            server.csv_target(), "X-Forwarded-For: 198.51.100." + std::to_string(i + 1) + "\r\n"));
    }
    // Each takes its head and a little, then stops reading.
    int streaming = 0;
    for (auto& reader : readers) {
        std::string rest;
        streaming += status_of(reader->read_head(rest)) == 200 ? 1 : 0;
    }
    double peak = 0;
    for (int sample = 0; sample < 20; ++sample) {
        peak = std::max(peak, resident_mib(server.process->pid));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    WARN(streaming << " readers streaming; server memory " << before << " MiB before, peak " << peak
                   << " MiB with them");
    CHECK(streaming == 100);
#if !defined(__SANITIZE_ADDRESS__)
    CHECK(peak - before < 100.0);
#endif
}

TEST_CASE("a reader slower than the floor is cut", "[fault][limits]") {
    // A floor of 4 KiB per 2 s window, so that the test is short.
    LargeEventServer server(Settings{{"BISTIME_SLOW_READER", "4096/2"}});
    RawClient reader(server.port, 4096);
    reader.send(get_request(server.csv_target()));
    std::string rest;
    REQUIRE(status_of(reader.read_head(rest)) == 200);
    // 200 bytes every half second: 400 B/s, a tenth of the floor.
    const auto started = Clock::now();
    bool cut = false;
    while (Clock::now() - started < std::chrono::seconds(15)) {
        std::string got;
        if (reader.server_closed() ||
            reader.read_some(got, 200, std::chrono::milliseconds(500)) == 0) {
            cut = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    WARN((cut ? "cut after " : "still connected after ") << seconds << " s");
    CHECK(cut);
    CHECK(seconds < 10.0);
}

TEST_CASE("past the cap on concurrent large streams the next gets 503 with Retry-After",
          "[fault][limits]") {
    LargeEventServer server(Settings{{"BISTIME_MAX_STREAMS", "2"}});
    RawClient first(server.port, 16384);
    RawClient second(server.port, 16384);
    std::string rest;
    first.send(get_request(server.csv_target()));
    REQUIRE(status_of(first.read_head(rest)) == 200);
    rest.clear();
    second.send(get_request(server.csv_target()));
    REQUIRE(status_of(second.read_head(rest)) == 200);
    // Both are held open, unread; the third is refused at once.
    RawClient third(server.port);
    rest.clear();
    third.send(get_request(server.csv_target()));
    const std::string head = third.read_head(rest);
    WARN(head.substr(0, head.find("\r\n")));
    CHECK(status_of(head) == 503);
    CHECK(head.find("Retry-After:") != std::string::npos);
    // A small read still goes through.
    CHECK(http_request(server.port, "GET", "/api/events/" + server.uuid).status == 200);
}

TEST_CASE("one client holds at most two large streams, and others still get theirs",
          "[fault][limits]") {
    // Behind a trusted proxy (loopback here), X-Forwarded-For names the client.
    LargeEventServer server(
        Settings{{"BISTIME_MAX_STREAMS", "8"}, {"BISTIME_TRUSTED_PROXIES", "127.0.0.1"}});
    const auto from = [](const char* client) {
        return std::string("X-Forwarded-For: ") + client + "\r\n";
    };
    std::vector<std::unique_ptr<RawClient>> held;
    for (int i = 0; i < 2; ++i) {
        held.push_back(std::make_unique<RawClient>(server.port, 16384));
        std::string rest;
        held.back()->send(get_request(server.csv_target(), from("203.0.113.7")));
        REQUIRE(status_of(held.back()->read_head(rest)) == 200);
    }
    RawClient third(server.port);
    std::string rest;
    third.send(get_request(server.csv_target(), from("203.0.113.7")));
    const std::string head = third.read_head(rest);
    CHECK(status_of(head) == 503);
    CHECK(head.find("Retry-After:") != std::string::npos);
    RawClient other(server.port, 16384);
    rest.clear();
    other.send(get_request(server.csv_target(), from("198.51.100.4")));
    CHECK(status_of(other.read_head(rest)) == 200);
}

TEST_CASE("an HTTP/1.0 reader of the largest CSV gets it unchunked, ended by the close",
          "[fault][limits]") {
    LargeEventServer server;
    RawClient reader(server.port, 16384);
    reader.send("GET " + server.csv_target() + " HTTP/1.0\r\n\r\n");
    std::string rest;
    const std::string head = reader.read_head(rest);
    REQUIRE(status_of(head) == 200);
    CHECK(head.find("Transfer-Encoding") == std::string::npos);
    CHECK(head.find("Connection: close") != std::string::npos);
    while (rest.size() < 3 && reader.read_some(rest, 16384, std::chrono::seconds(5)) > 0) {
    }
    CHECK(rest.substr(0, 3) == "\xEF\xBB\xBF");  // the CSV itself, not a chunk's size
}

TEST_CASE("the largest CSV asked for gzip streams gzip that unzips to the same CSV",
          "[fault][limits]") {
    LargeEventServer server;
    Digest plain;
    {
        RawClient client(server.port);
        client.send(get_request(server.csv_target()));
        std::string rest;
        const std::string head = client.read_head(rest);
        REQUIRE(status_of(head) == 200);
        REQUIRE(head.find("Transfer-Encoding: chunked") != std::string::npos);
        REQUIRE(read_chunked(client, rest, [&](std::string_view data) { plain.add(data); }));
    }
    Digest unzipped;
    std::size_t compressed = 0;
    {
        RawClient client(server.port);
        client.send(get_request(server.csv_target(), "Accept-Encoding: gzip\r\n"));
        std::string rest;
        const std::string head = client.read_head(rest);
        REQUIRE(status_of(head) == 200);
        CHECK(head.find("Content-Encoding: gzip") != std::string::npos);
        z_stream inflater{};
        REQUIRE(inflateInit2(&inflater, 15 + 16) == Z_OK);
        std::string out(1 << 16, '\0');
        int status = Z_OK;
        const bool whole = read_chunked(client, rest, [&](std::string_view data) {
            compressed += data.size();
            inflater.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
            inflater.avail_in = static_cast<uInt>(data.size());
            while (inflater.avail_in > 0 && status == Z_OK) {
                inflater.next_out = reinterpret_cast<Bytef*>(out.data());
                inflater.avail_out = static_cast<uInt>(out.size());
                status = inflate(&inflater, Z_NO_FLUSH);
                unzipped.add(std::string_view(out.data(), out.size() - inflater.avail_out));
            }
        });
        inflateEnd(&inflater);
        CHECK(whole);
        CHECK(status == Z_STREAM_END);
    }
    WARN("the CSV: " << plain.bytes << " bytes; gzipped " << compressed << " bytes");
    CHECK(plain.bytes > 100u * 1024 * 1024);
    CHECK(unzipped.bytes == plain.bytes);
    CHECK(unzipped.hash == plain.hash);
}
