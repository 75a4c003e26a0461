#include "bistime/core/caller.hpp"

namespace bistime {
namespace {

thread_local std::string t_address;

}  // namespace

Caller::Scope::Scope(std::string_view address) : previous_(std::move(t_address)) {
    t_address = std::string(address.substr(0, k_max_address));
}

Caller::Scope::~Scope() {
    t_address = std::move(previous_);
}

const std::string& Caller::address() {
    return t_address;
}

}  // namespace bistime
