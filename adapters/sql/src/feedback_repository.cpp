#include "repositories.hpp"

namespace bistime::sql::detail {

Result<Feedback> SqlFeedbackRepository::insert_feedback(std::string_view content, UnixSeconds now) {
    return db_.run("insert feedback", [&](soci::session& sql) -> Result<Feedback> {
        Feedback feedback{0, std::string(content), now, now};
        long long stamp = now;
        sql << "INSERT INTO feedbacks (content, created_at, updated_at) VALUES (:content, :created,"
               " :updated)",
            soci::use(feedback.content), soci::use(stamp), soci::use(stamp);
        feedback.id = db_.last_insert_id(sql, "feedbacks");
        return feedback;
    });
}

}  // namespace bistime::sql::detail
