#include "request_identity.hpp"

#include "bistime/log/operator_log.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>

namespace bistime::http::detail {

namespace {

bool is_token_char(unsigned char c) {
    return std::isalnum(c) != 0 || c == '.' || c == '_' || c == ':' || c == '-';
}

// A process-wide random start and a counter: distinct within the process,
// and two processes collide only if their random starts do.
std::uint64_t next_id() {
    static const std::uint64_t k_start = [] {
        std::random_device device;
        return (static_cast<std::uint64_t>(device()) << 32) ^ device();
    }();
    static std::atomic<std::uint64_t> counter{0};
    // A multiplicative mix, so consecutive ids do not look consecutive.
    return (k_start + counter.fetch_add(1, std::memory_order_relaxed)) * 0x9E3779B97F4A7C15ULL;
}

std::string printable(std::string_view text) {
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f || c == ' '; },
        '?');
    return out;
}

std::string millis_text(std::chrono::steady_clock::duration took) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(micros) / 1000.0);
    return text;
}

}  // namespace

std::string request_id_from(std::string_view offered) {
    if (!offered.empty() && offered.size() <= 128 &&
        std::all_of(offered.begin(), offered.end(),
                    [](char c) { return is_token_char(static_cast<unsigned char>(c)); })) {
        return std::string(offered);
    }
    char text[20];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(next_id()));
    return text;
}

std::string text_log_line(const RequestRecord& record) {
    return log::utc_now() + ' ' + printable(record.client) + ' ' + printable(record.method) + ' ' +
           printable(record.path) + ' ' + std::to_string(record.status) + ' ' +
           millis_text(record.took) + "ms id=" + std::string(record.request_id);
}

std::string json_log_line(const RequestRecord& record) {
    std::string out = "{\"time\":\"" + log::utc_now() + "\",\"client\":";
    log::append_json_string(out, record.client);
    out += ",\"method\":";
    log::append_json_string(out, record.method);
    out += ",\"path\":";
    log::append_json_string(out, record.path);
    out += ",\"route\":";
    log::append_json_string(out, record.route);
    out += ",\"status\":" + std::to_string(record.status) +
           ",\"duration_ms\":" + millis_text(record.took) + ",\"request_id\":";
    log::append_json_string(out, record.request_id);
    out += '}';
    return out;
}

}  // namespace bistime::http::detail
