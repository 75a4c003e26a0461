// SodiumRandom: the RandomSource port on libsodium's CSPRNG (randombytes_buf).
#pragma once

#include "bistime/core/ports.hpp"

namespace bistime::platform {

class SodiumRandom final : public RandomSource {
  public:
    // Initializes libsodium; aborts the process if it cannot, since no secret
    // could then be made safely.
    SodiumRandom();
    void fill(std::span<unsigned char> out) override;
};

}  // namespace bistime::platform
