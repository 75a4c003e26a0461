// SecretGuard: checks a low-entropy secret (a team's admin code, a security
// answer) with throttling: after 5 failed attempts in 15 minutes for one
// scope, further attempts are refused with too_many_attempts until the window
// passes. A correct secret does not clear earlier failures.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "bistime/core/ports.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

inline constexpr std::size_t k_max_failed_attempts = 5;
inline constexpr UnixSeconds k_attempt_window_seconds = 15 * 60;

class SecretGuard {
  public:
    SecretGuard(AttemptLog& attempts, const Clock& clock) : attempts_(attempts), clock_(clock) {}

    // Runs `matches` (the slow, constant-time comparison) under the throttle.
    // Returns true when it matched; false when it did not (the attempt then
    // counts); Error{too_many_attempts} when throttled, without calling it.
    Result<bool> check(std::string_view scope, const std::function<bool()>& matches);

  private:
    AttemptLog& attempts_;
    const Clock& clock_;
};

}  // namespace bistime
