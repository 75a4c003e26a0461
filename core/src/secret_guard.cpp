#include "bistime/core/secret_guard.hpp"

#include "bistime/core/caller.hpp"

namespace bistime {

Result<bool> SecretGuard::check(std::string_view scope, const std::function<bool()>& matches) {
    BISTIME_ASSIGN(const RowId attempt, attempts_.reserve_attempt(scope, Caller::address(),
                                                                  clock_.now(), k_attempt_windows));
    if (!matches()) {
        return false;
    }
    BISTIME_TRY(attempts_.release_attempt(attempt));
    return true;
}

}  // namespace bistime
