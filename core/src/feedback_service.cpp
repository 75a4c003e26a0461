#include "bistime/core/feedback_service.hpp"

#include "bistime/core/text.hpp"

namespace bistime {

Result<Feedback> FeedbackService::add_feedback(std::string_view content) {
    auto text = require_text("content", content, 1, k_max_feedback_length);
    if (!text) {
        return text.error();
    }
    return feedback_.insert_feedback(*text, clock_.now());
}

}  // namespace bistime
