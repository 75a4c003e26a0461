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
//
// An attempt is reserved before the secret is checked, so that guesses sent
// at once cannot all be checked before any is counted; and a right secret
// gives its reservation back. Checks of one scope by one client take turns
// in this process, so that several right secrets sent at once (a page that
// opens with a few requests) never see each other's reservations: within
// one server, right secrets are never refused for numbers, however many
// arrive at once, and wrong ones are counted exactly as before.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
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
    SecretGuard(const SecretGuard&) = delete;
    SecretGuard& operator=(const SecretGuard&) = delete;

    // Runs `matches` (the slow, constant-time comparison) under the throttle
    // of the calling request's client. Returns true when it matched; false
    // when it did not (the attempt then counts); Error{too_many_attempts}
    // when throttled, without calling it; Error{unavailable} when the
    // client's earlier checks of the scope outlast the request's deadline.
    Result<bool> check(std::string_view scope, const std::function<bool()>& matches);

  private:
    // The turn of one client on one scope; shared by the checks that wait
    // for it, dropped when none does.
    struct Turn {
        std::timed_mutex mutex;
        std::size_t holders = 0;
    };
    std::shared_ptr<Turn> join_turn(const std::string& key);
    void leave_turn(const std::string& key);
    Result<bool> check_in_turn(std::string_view scope, const std::function<bool()>& matches);

    AttemptLog& attempts_;
    const Clock& clock_;
    std::mutex turns_mutex_;
    std::map<std::string, std::shared_ptr<Turn>> turns_;
};

}  // namespace bistime
