#include "bistime/core/handles.hpp"

#include <array>
#include <cstdint>

namespace bistime {

std::string make_handle(RandomSource& random, std::size_t length, std::string_view prefix) {
    // Bytes at or above the largest multiple of 57 below 256 are rejected, so
    // every letter is equally likely.
    constexpr unsigned k_alphabet_size = k_handle_alphabet.size();
    constexpr unsigned k_limit = 256 - (256 % k_alphabet_size);
    std::string handle(prefix);
    std::array<unsigned char, 64> buffer{};
    while (handle.size() < prefix.size() + length) {
        random.fill(buffer);
        for (unsigned char byte : buffer) {
            if (byte < k_limit && handle.size() < prefix.size() + length) {
                handle.push_back(k_handle_alphabet[byte % k_alphabet_size]);
            }
        }
    }
    return handle;
}

RowId make_random_id(RandomSource& random) {
    std::array<unsigned char, 8> bytes{};
    for (;;) {
        random.fill(bytes);
        std::uint64_t value = 0;
        for (unsigned char byte : bytes) {
            value = (value << 8) | byte;
        }
        // The low 53 bits of 64 uniform bits are uniform; 0 is no id.
        value &= static_cast<std::uint64_t>(k_largest_random_id);
        if (value != 0) {
            return static_cast<RowId>(value);
        }
    }
}

}  // namespace bistime
