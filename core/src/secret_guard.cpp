#include "bistime/core/secret_guard.hpp"

#include <algorithm>
#include <chrono>

#include "bistime/core/caller.hpp"
#include "bistime/core/deadline.hpp"

namespace bistime {
namespace {

// How long a check waits for its turn without a request's deadline: far
// longer than a few slow hashes, short enough that nothing hangs.
constexpr std::chrono::seconds k_longest_wait_for_turn{30};

}  // namespace

std::shared_ptr<SecretGuard::Turn> SecretGuard::join_turn(const std::string& key) {
    const std::lock_guard lock(turns_mutex_);
    std::shared_ptr<Turn>& turn = turns_[key];
    if (!turn) {
        turn = std::make_shared<Turn>();
    }
    ++turn->holders;
    return turn;
}

void SecretGuard::leave_turn(const std::string& key) {
    const std::lock_guard lock(turns_mutex_);
    auto found = turns_.find(key);
    if (found != turns_.end() && --found->second->holders == 0) {
        turns_.erase(found);
    }
}

Result<bool> SecretGuard::check_in_turn(std::string_view scope,
                                        const std::function<bool()>& matches) {
    BISTIME_ASSIGN(const RowId attempt, attempts_.reserve_attempt(scope, Caller::address(),
                                                                  clock_.now(), k_attempt_windows));
    if (!matches()) {
        return false;
    }
    BISTIME_TRY(attempts_.release_attempt(attempt));
    return true;
}

Result<bool> SecretGuard::check(std::string_view scope, const std::function<bool()>& matches) {
    const std::string key = std::string(scope) + '\n' + Caller::address();
    const std::shared_ptr<Turn> turn = join_turn(key);
    const auto wait =
        std::min<Deadline::Clock::duration>(Deadline::remaining(), k_longest_wait_for_turn);
    if (!turn->mutex.try_lock_for(wait)) {
        leave_turn(key);
        return Error::unavailable("too many checks of this secret at once; try again");
    }
    auto checked = check_in_turn(scope, matches);
    turn->mutex.unlock();
    leave_turn(key);
    return checked;
}

}  // namespace bistime
