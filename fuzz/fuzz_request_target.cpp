// libFuzzer target: the request target (path and query) as a client sends it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "request_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto target = bistime::http::detail::parse_request_target(text)) {
        (void)target->query_value("tz");
        (void)target->query_value("page");
    }
    return 0;
}
