#include "bistime/platform/sodium_secret_hasher.hpp"

#include <sodium.h>

#include <array>
#include <cstdlib>

namespace bistime::platform {
namespace {

constexpr unsigned long long k_argon2_passes = 2;
constexpr std::size_t k_argon2_memory = 19u * 1024u * 1024u;

}  // namespace

SodiumSecretHasher::SodiumSecretHasher() {
    if (sodium_init() < 0) {
        std::abort();
    }
}

std::string SodiumSecretHasher::hash_token(std::string_view token) const {
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                       0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_generichash_BYTES * 2);
}

bool SodiumSecretHasher::verify_token(std::string_view token, std::string_view hash) const {
    const std::string expected = hash_token(token);
    if (hash.size() != expected.size()) {
        return false;
    }
    return sodium_memcmp(expected.data(), hash.data(), expected.size()) == 0;
}

Result<std::string> SodiumSecretHasher::hash_password(std::string_view password) const {
    hashes_.fetch_add(1, std::memory_order_relaxed);
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), k_argon2_passes,
                              k_argon2_memory, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Error::unavailable("could not hash a secret (out of memory)");
    }
    return std::string(out.data());
}

bool SodiumSecretHasher::verify_password(std::string_view password, std::string_view hash) const {
    verifications_.fetch_add(1, std::memory_order_relaxed);
    // libsodium wants a NUL-terminated string of bounded length.
    if (hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

}  // namespace bistime::platform
