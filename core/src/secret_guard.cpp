#include "bistime/core/secret_guard.hpp"

#include "bistime/core/caller.hpp"

namespace bistime {

Result<bool> SecretGuard::check(std::string_view scope, const std::function<bool()>& matches) {
    auto attempt =
        attempts_.reserve_attempt(scope, Caller::address(), clock_.now(), k_attempt_windows);
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
