// Public handles and tokens: random strings over the contract's 57-letter
// alphabet (no 0, 1, I, O, l, which people confuse when reading a link aloud).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bistime/core/ports.hpp"

namespace bistime {

inline constexpr std::string_view k_handle_alphabet =
    "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
inline constexpr std::size_t k_event_handle_length = 22;  // about 128 bits
// The admin token carries about 187 bits, above the contract's 128.
inline constexpr std::size_t k_admin_token_length = 32;

// `length` letters drawn uniformly from the alphabet (rejection sampling, so
// no letter is more likely than another), after `prefix`.
std::string make_handle(RandomSource& random, std::size_t length, std::string_view prefix = {});

// Ids that are shown in URLs but must not be counted through (members',
// subgroups'): drawn uniformly from 1 .. 2^53 - 1, so that v1 clients, which
// read ids as JSON numbers (IEEE doubles), keep them exact. Two draws of 2^53
// collide after about 10^8 rows; the unique key turns that into an error.
inline constexpr RowId k_largest_random_id = (RowId{1} << 53) - 1;
RowId make_random_id(RandomSource& random);

}  // namespace bistime
