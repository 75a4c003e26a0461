#include "bistime/platform/sodium_random.hpp"

#include <sodium.h>

#include <cstdlib>

namespace bistime::platform {

SodiumRandom::SodiumRandom() {
    if (sodium_init() < 0) {
        std::abort();
    }
}

void SodiumRandom::fill(std::span<unsigned char> out) {
    randombytes_buf(out.data(), out.size());
}

}  // namespace bistime::platform
