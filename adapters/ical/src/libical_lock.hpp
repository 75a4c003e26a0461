// The one lock over libical, shared by the reader and the writer: libical
// keeps process-wide state (its built-in time-zone cache, its error
// variable), so one thread at a time uses it.
#pragma once

#include <mutex>

namespace bistime::ical::detail {

inline std::timed_mutex& libical_mutex() {
    static std::timed_mutex mutex;
    return mutex;
}

}  // namespace bistime::ical::detail
