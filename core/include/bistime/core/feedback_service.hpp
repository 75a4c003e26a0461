// FeedbackService: the use case of leaving feedback about BisTime.
#pragma once

#include <string_view>

#include "bistime/core/event.hpp"
#include "bistime/core/ports.hpp"
#include "bistime/core/result.hpp"

namespace bistime {

inline constexpr std::size_t k_max_feedback_length = 500;

class FeedbackService {
  public:
    FeedbackService(FeedbackRepository& feedback, const Clock& clock)
        : feedback_(feedback), clock_(clock) {}

    // Content is trimmed and must be 1–500 characters. Errors: invalid.
    Result<Feedback> add_feedback(std::string_view content);

  private:
    FeedbackRepository& feedback_;
    const Clock& clock_;
};

}  // namespace bistime
