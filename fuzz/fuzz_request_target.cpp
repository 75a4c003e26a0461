// libFuzzer target: the request target (path and query) as a client sends it,
// in origin form or absolute form (as HttpServer turns it into origin form).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "request_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto target = bistime::http::detail::parse_request_target(text)) {
        (void)target->query_value("tz");
        (void)target->query_value("page");
    }
    // An absolute-form target's origin form starts with '/' and parses as
    // one whenever its path would.
    const std::string origin = bistime::http::detail::origin_form(text);
    if (origin != text && (origin.empty() || origin.front() != '/')) {
        std::abort();
    }
    (void)bistime::http::detail::parse_request_target(origin);
    return 0;
}
