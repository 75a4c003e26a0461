// SodiumSecretHasher: the SecretHasher port on libsodium.
//
// Tokens (high-entropy, random): unkeyed BLAKE2b-256, stored as 64 hex digits.
// Passwords, codes and answers (low-entropy): Argon2id in libsodium's string
// format (salt and parameters included), 2 passes over 19 MiB — OWASP's
// minimum. Argon2id is slow by design: call it from worker threads, never
// from an I/O thread. Both checks compare in constant time.
#pragma once

#include <atomic>
#include <cstdint>

#include "bistime/core/ports.hpp"

namespace bistime::platform {

class SodiumSecretHasher final : public SecretHasher {
  public:
    SodiumSecretHasher();
    std::string hash_token(std::string_view token) const override;
    bool verify_token(std::string_view token, std::string_view hash) const override;
    // Errors: unavailable, when Argon2id cannot get its memory.
    Result<std::string> hash_password(std::string_view password) const override;
    bool verify_password(std::string_view password, std::string_view hash) const override;

    // Argon2id work done since construction, for the server's metrics.
    std::uint64_t verifications() const { return verifications_.load(std::memory_order_relaxed); }
    std::uint64_t hashes() const { return hashes_.load(std::memory_order_relaxed); }

  private:
    mutable std::atomic<std::uint64_t> verifications_{0};
    mutable std::atomic<std::uint64_t> hashes_{0};
};

}  // namespace bistime::platform
