#include "csv_output.hpp"

#include <algorithm>

namespace bistime::http::detail {
namespace {

// OWASP's "CSV Injection": a cell beginning with one of these is read by
// spreadsheets as a formula (=1+1, +cmd|' /C calc'!A0, @SUM(...)), or as one
// after the tab or carriage return they skip. Every such cell is
// neutralised, even one that only looks like a negative number ("-5") or a
// lone "-": only names are free text here, and a name is never a number to
// compute with.
bool reads_as_formula(std::string_view field) {
    return !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string::npos;
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, and its
// quotes doubled. A field a spreadsheet would take for a formula is quoted
// too, with a ' before its text inside the quotes, which makes it text.
void append_field(std::string& out, const std::string& field) {
    const bool formula = reads_as_formula(field);
    if (!formula && field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out.push_back('"');
    if (formula) {
        out.push_back('\'');
    }
    for (char c : field) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

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

// The rows of one schedule, its runs cut to the window.
void append_schedule(std::string& out, const Schedule& schedule, const TimeWindow& window) {
    const int slot_count = schedule.availability.slot_count();
    const int slot_minutes = 24 * 60 / slot_count;
    const int first = window.start.slot(slot_minutes);
    const int end = std::min(window.end.slot(slot_minutes), slot_count);
    for (const auto& run : schedule.availability.runs()) {
        const int from = std::max(run.first, first);
        const int to = std::min(run.end, end);
        if (from >= to) {
            continue;
        }
        append_field(out, schedule.name);
        out += ',' + day_key(schedule.date) + ',' +
               TimeOfDay::from_slot(from, slot_minutes).to_string() + ',' +
               TimeOfDay::from_slot(to, slot_minutes).to_string() + ',' + state_name(run.state) +
               "\r\n";
    }
}

class CsvBody final : public PiecewiseBody {
  public:
    // Schedules a piece: small enough that writing one is a sliver of an I/O
    // thread's time (sizes in docs/performance.md, "Streamed answers").
    static constexpr std::size_t k_batch = 8;
    explicit CsvBody(ScheduleExport answers) : answers_(std::move(answers)) {}
    std::size_t piece_count() const override {
        return (answers_.schedules.size() + k_batch - 1) / k_batch + 1;
    }
    void write_piece(std::size_t index, std::string& out) const override {
        if (index == 0) {
            // The byte-order mark: without it Excel reads the file in the
            // system's code page, and Hangul names come out garbled.
            out += k_utf8_bom;
            out += "name,date,start,end,state\r\n";
            return;
        }
        const std::size_t first = (index - 1) * k_batch;
        const std::size_t last = std::min(first + k_batch, answers_.schedules.size());
        for (std::size_t i = first; i < last; ++i) {
            append_schedule(out, answers_.schedules[i], answers_.window);
        }
    }

  private:
    ScheduleExport answers_;
};

}  // namespace

std::shared_ptr<const PiecewiseBody> schedules_csv(ScheduleExport answers) {
    return std::make_shared<CsvBody>(std::move(answers));
}

}  // namespace bistime::http::detail
