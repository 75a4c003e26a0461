#include "packed_days.hpp"

#include <algorithm>
#include <charconv>

#include <soci/soci.h>

namespace bistime::sql::detail {
namespace {

[[noreturn]] void malformed() {
    throw soci::soci_error("malformed answers in storage");
}

long long read_number(std::string_view& text, char end) {
    long long value = 0;
    const auto [past, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || past == text.data() + text.size() || *past != end) {
        malformed();
    }
    text.remove_prefix(static_cast<std::size_t>(past - text.data()) + 1);
    return value;
}

}  // namespace

std::string pack_days(std::span<const PackedDay> days) {
    std::string text;
    text.reserve(days.size() * 80);
    for (const PackedDay& day : days) {
        if (!text.empty()) {
            text += ';';
        }
        text += std::to_string(day.date_id);
        text += ',';
        text += std::to_string(day.updated_at);
        text += ',';
        text += day.availability.to_string();
    }
    return text;
}

std::vector<PackedDay> unpack_days(std::string_view text) {
    std::vector<PackedDay> days;
    while (!text.empty()) {
        PackedDay day;
        day.date_id = read_number(text, ',');
        day.updated_at = read_number(text, ',');
        const std::size_t end = std::min(text.find(';'), text.size());
        const std::string_view answers = text.substr(0, end);
        auto parsed = DayAvailability::parse(answers, static_cast<int>(answers.size()),
                                             Answers::with_if_needed);
        if (!parsed) {
            malformed();
        }
        day.availability = *parsed;
        days.push_back(day);
        text.remove_prefix(end == text.size() ? end : end + 1);
    }
    std::sort(days.begin(), days.end(),
              [](const PackedDay& a, const PackedDay& b) { return a.date_id < b.date_id; });
    return days;
}

const PackedDay* find_packed_day(const std::vector<PackedDay>& days, long long date_id) {
    const auto found = std::lower_bound(
        days.begin(), days.end(), date_id,
        [](const PackedDay& day, long long wanted) { return day.date_id < wanted; });
    return found != days.end() && found->date_id == date_id ? &*found : nullptr;
}

}  // namespace bistime::sql::detail
