#include "bistime/log/operator_log.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace bistime::log {

namespace {

std::atomic<Format> g_format{Format::text};

// The length of the valid UTF-8 sequence starting at `at`, or 0 when the
// bytes there are not one (overlong forms, surrogates and values past
// U+10FFFF included).
std::size_t utf8_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        low = lead == 0xe0 ? 0xa0 : 0x80;
        high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        low = lead == 0xf0 ? 0x90 : 0x80;
        high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 0;
    }
    if (at + length > text.size() || byte(1) < low || byte(1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xbf) {
            return 0;
        }
    }
    return length;
}

void write_all(int descriptor, const std::string& whole) {
    std::size_t written = 0;
    while (written < whole.size()) {
        const auto wrote = ::write(descriptor, whole.data() + written, whole.size() - written);
        if (wrote <= 0) {
            return;  // nowhere to log to: the server goes on
        }
        written += static_cast<std::size_t>(wrote);
    }
}

const char* level_name(Level level) {
    switch (level) {
        case Level::info:
            return "info";
        case Level::warning:
            return "warning";
        case Level::error:
            return "error";
    }
    return "info";
}

}  // namespace

void set_format(Format format) {
    g_format.store(format);
}

Format format() {
    return g_format.load();
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    char escaped[8];
    for (std::size_t at = 0; at < text.size();) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte < 0x80) {
            if (byte == '"' || byte == '\\') {
                out += '\\';
                out += static_cast<char>(byte);
            } else if (byte < 0x20 || byte == 0x7f) {
                std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
                out += escaped;
            } else {
                out += static_cast<char>(byte);
            }
            ++at;
            continue;
        }
        if (const std::size_t length = utf8_length(text, at); length != 0) {
            out.append(text, at, length);
            at += length;
            continue;
        }
        std::snprintf(escaped, sizeof escaped, "\\\\x%02x", byte);
        out += escaped;
        ++at;
    }
    out += '"';
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(millis % 1000));
    return text;
}

std::string json_line(Level level, std::string_view message) {
    std::string whole =
        "{\"time\":\"" + utc_now() + "\",\"level\":\"" + level_name(level) + "\",\"message\":";
    append_json_string(whole, message);
    return whole + "}\n";
}

void write(Level level, std::string_view message) {
    write_all(STDERR_FILENO, format() == Format::json ? json_line(level, message)
                                                      : "bistime: " + std::string(message) + '\n');
}

void announce(std::string_view message) {
    write_all(STDOUT_FILENO, format() == Format::json ? json_line(Level::info, message)
                                                      : std::string(message) + '\n');
}

}  // namespace bistime::log
