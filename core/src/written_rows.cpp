#include "bistime/core/written_rows.hpp"

namespace bistime {
namespace {

// The event id's digits end at the first '/', so names may hold any
// character and two keys never collide.
std::string key_of(RowId event, const std::string& person) {
    return std::to_string(event) + '/' + person;
}

}  // namespace

std::optional<ScheduleRepository::SeenRow> PersonRows::on(RowId date_id) const {
    for (const auto& [date, row] : by_date) {
        if (date == date_id) {
            return row;
        }
    }
    return std::nullopt;
}

std::size_t PersonRows::bytes() const {
    // The key and the cache's bookkeeping are about as large as a name.
    return sizeof(PersonRows) + 128 + by_date.capacity() * sizeof(by_date.front());
}

void WrittenRows::remember(RowId event, const std::string& person,
                           const std::vector<Schedule>& rows) {
    if (!rows_.enabled()) {
        return;
    }
    auto kept = std::make_shared<PersonRows>();
    kept->by_date.reserve(rows.size());
    for (const Schedule& row : rows) {
        kept->by_date.emplace_back(row.date_id,
                                   ScheduleRepository::SeenRow{row.id, row.created_at});
    }
    rows_.store(key_of(event, person), 0, std::move(kept));
}

void WrittenRows::forget(RowId event, const std::string& person) {
    rows_.erase(key_of(event, person));
}

std::shared_ptr<const PersonRows> WrittenRows::recall(RowId event, const std::string& person) {
    if (!rows_.enabled()) {
        return nullptr;
    }
    return rows_.find(key_of(event, person), 0);
}

}  // namespace bistime
