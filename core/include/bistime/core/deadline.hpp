// Deadline: the time budget of the request being handled on this thread.
//
// The driving adapter opens a Deadline::Scope when a request starts (from
// the moment it was read off the wire, so time spent queued counts). Work
// that can block or run long — storage, calendar expansion — reads it to give
// up with an error instead of making a client wait past the budget. Without a
// scope (tests, tools, background jobs) nothing is bounded: elapsed() is zero
// and remaining() is the largest duration.
#pragma once

#include <chrono>

namespace bistime {

class Deadline {
  public:
    using Clock = std::chrono::steady_clock;

    // Sets the budget of the calling thread's request until destroyed; the
    // previous one, if any, comes back then.
    class Scope {
      public:
        Scope(Clock::time_point started, Clock::duration budget);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        Clock::time_point previous_started_;
        Clock::time_point previous_due_;
        bool previous_active_;
    };

    static bool active();
    // Time since the request was read.
    static Clock::duration elapsed();
    // Time left; zero once passed.
    static Clock::duration remaining();
    static bool passed() { return remaining() == Clock::duration::zero(); }
};

}  // namespace bistime
