#include "csv_output.hpp"

namespace bistime::http::detail {
namespace {

// RFC 4180: a field with a comma, a quote or a line break is quoted, and its
// quotes doubled.
void append_field(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

const char* state_name(DayAvailability::State state) {
    switch (state) {
        case DayAvailability::State::available:
            return "available";
        case DayAvailability::State::if_needed:
            return "if-needed";
        case DayAvailability::State::unavailable:
            return "unavailable";
    }
    return "unavailable";
}

}  // namespace

std::string schedules_csv(const std::vector<Schedule>& schedules) {
    std::string out = "name,date,start,end,state\r\n";
    for (const Schedule& schedule : schedules) {
        const int slot_minutes = 24 * 60 / schedule.availability.slot_count();
        for (const auto& run : schedule.availability.runs()) {
            append_field(out, schedule.name);
            out += ',' + day_key(schedule.date) + ',' +
                   TimeOfDay::from_slot(run.first, slot_minutes).to_string() + ',' +
                   TimeOfDay::from_slot(run.end, slot_minutes).to_string() + ',' +
                   state_name(run.state) + "\r\n";
        }
    }
    return out;
}

}  // namespace bistime::http::detail
