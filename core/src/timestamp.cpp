#include "bistime/core/timestamp.hpp"

#include <cstdio>

namespace bistime {
namespace {

bool read_number(std::string_view text, std::size_t at, std::size_t digits, int& out) {
    if (at + digits > text.size()) {
        return false;
    }
    out = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

std::string format_timestamp(UnixSeconds seconds) {
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t of_day = seconds - days * 86400;
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ",
                  CalendarDate::from_days_since_epoch(days).to_string().c_str(),
                  static_cast<int>(of_day / 3600), static_cast<int>(of_day / 60 % 60),
                  static_cast<int>(of_day % 60));
    return buffer;
}

Result<UnixSeconds> parse_timestamp(std::string_view text, std::string_view field) {
    const Error error =
        Error::invalid_field(std::string(field), std::string(field) +
                                                     " must be an ISO-8601 instant such as "
                                                     "2026-12-01T09:00:00Z");
    if (text.size() < 17 || (text[10] != 'T' && text[10] != 't')) {
        return error;
    }
    auto date = CalendarDate::parse(text.substr(0, 10));
    int hours = 0;
    int minutes = 0;
    int seconds = 0;
    if (!date || !read_number(text, 11, 2, hours) || text[13] != ':' ||
        !read_number(text, 14, 2, minutes) || hours > 23 || minutes > 59) {
        return error;
    }
    std::size_t at = 16;
    if (at < text.size() && text[at] == ':') {
        if (!read_number(text, at + 1, 2, seconds) || seconds > 59) {
            return error;
        }
        at += 3;
        if (at < text.size() && text[at] == '.') {
            ++at;
            while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
                ++at;
            }
        }
    }
    int offset = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) {
        offset = 0;
    } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') &&
               text[at + 3] == ':') {
        int offset_hours = 0;
        int offset_minutes = 0;
        if (!read_number(text, at + 1, 2, offset_hours) ||
            !read_number(text, at + 4, 2, offset_minutes) || offset_hours > 23 ||
            offset_minutes > 59) {
            return error;
        }
        offset = (offset_hours * 60 + offset_minutes) * 60 * (text[at] == '-' ? -1 : 1);
    } else {
        return error;
    }
    return date->days_since_epoch() * 86400 + static_cast<UnixSeconds>(hours) * 3600 +
           static_cast<UnixSeconds>(minutes) * 60 + seconds - offset;
}

}  // namespace bistime
