// SecretGuard: checks a secret (a team's admin code or security answer, a
// participant's password, an event's admin token) with throttling per client.
//
// Each client (bistime::Caller) has its own count of attempts on a scope,
// and the allowance shrinks as failures pile up: 5 attempts in 15 minutes,
// 10 in 4 hours, 20 in a day. Past any of these, further attempts from that
// client are refused with too_many_attempts (and when to retry) without
// checking the secret. A correct secret does not clear earlier failures, and
// is not counted. Since every client is counted apart, a stranger's wrong
// guesses never refuse the owner's right secret.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string_view>

#include "bistime/core/ports.hpp"
#include "bistime/core/team_ports.hpp"

namespace bistime {

inline constexpr UnixSeconds k_minute = 60;
inline constexpr UnixSeconds k_hour = 60 * k_minute;
inline constexpr std::array<AttemptWindow, 3> k_attempt_windows{{
    {15 * k_minute, 5},
    {4 * k_hour, 10},
    {24 * k_hour, 20},
}};

class SecretGuard {
  public:
    SecretGuard(AttemptLog& attempts, const Clock& clock) : attempts_(attempts), clock_(clock) {}

    // Runs `matches` (the slow, constant-time comparison) under the throttle
    // of the calling request's client. Returns true when it matched; false
    // when it did not (the attempt then counts); Error{too_many_attempts}
    // when throttled, without calling it.
    Result<bool> check(std::string_view scope, const std::function<bool()>& matches);

  private:
    AttemptLog& attempts_;
    const Clock& clock_;
};

}  // namespace bistime
