// Caller: who sent the request being handled on this thread — the client's
// address, as the driving adapter determined it — for the rules that treat
// clients apart, such as throttling wrong secrets per client so that a
// stranger's guesses never lock out the owner.
//
// The driving adapter opens a Caller::Scope for each request. Without one
// (tests, tools, background jobs) the caller is "", and every such caller
// counts as the same one.
#pragma once

#include <string>
#include <string_view>

namespace bistime {

class Caller {
  public:
    // Longer addresses are cut to this many bytes (an IPv6 address in text
    // is at most 45).
    static constexpr std::size_t k_max_address = 64;

    // Sets the calling thread's caller until destroyed; the previous one
    // comes back then.
    class Scope {
      public:
        explicit Scope(std::string_view address);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        std::string previous_;
    };

    static const std::string& address();
};

}  // namespace bistime
