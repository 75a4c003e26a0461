// libFuzzer target: the database URL an operator gives (--db).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "database_url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)bistime::sql::detail::parse_database_url(
        std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
