#include "bistime/core/feedback_service.hpp"

#include "bistime/core/text.hpp"

namespace bistime {

Result<Feedback> FeedbackService::add_feedback(std::string_view content) {
    BISTIME_ASSIGN(std::string text, require_text("content", content, 1, k_max_feedback_length));
    return feedback_.insert_feedback(text, clock_.now());
}

}  // namespace bistime
