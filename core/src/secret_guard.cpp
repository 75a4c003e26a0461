#include "bistime/core/secret_guard.hpp"

namespace bistime {

Result<bool> SecretGuard::check(std::string_view scope, const std::function<bool()>& matches) {
    const UnixSeconds now = clock_.now();
    auto attempt = attempts_.reserve_attempt(scope, now, now - k_attempt_window_seconds,
                                             k_max_failed_attempts);
    if (!attempt) {
        return attempt.error();
    }
    if (!matches()) {
        return false;
    }
    if (auto released = attempts_.release_attempt(*attempt); !released) {
        return released.error();
    }
    return true;
}

}  // namespace bistime
