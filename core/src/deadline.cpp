#include "bistime/core/deadline.hpp"

namespace bistime {
namespace {

struct ThreadBudget {
    bool active = false;
    Deadline::Clock::time_point started{};
    Deadline::Clock::time_point due{};
};
thread_local ThreadBudget t_budget;

}  // namespace

Deadline::Scope::Scope(Clock::time_point started, Clock::duration budget)
    : previous_started_(t_budget.started),
      previous_due_(t_budget.due),
      previous_active_(t_budget.active) {
    t_budget = {true, started, started + budget};
}

Deadline::Scope::~Scope() {
    t_budget = {previous_active_, previous_started_, previous_due_};
}

bool Deadline::active() {
    return t_budget.active;
}

Deadline::Clock::duration Deadline::elapsed() {
    return t_budget.active ? Clock::now() - t_budget.started : Clock::duration::zero();
}

Deadline::Clock::duration Deadline::remaining() {
    if (!t_budget.active) {
        return Clock::duration::max();
    }
    const auto now = Clock::now();
    return now >= t_budget.due ? Clock::duration::zero() : t_budget.due - now;
}

}  // namespace bistime
