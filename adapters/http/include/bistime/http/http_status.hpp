// HttpStatus: every status the HTTP adapter answers with, by name, and the
// one mapping from the core's error kinds to them. No other file of the
// adapter writes a status as a number.
#pragma once

#include "bistime/core/result.hpp"

namespace bistime::http {

enum class HttpStatus : int {
    ok = 200,
    created = 201,
    no_content = 204,
    not_modified = 304,
    bad_request = 400,
    unauthorized = 401,
    forbidden = 403,
    not_found = 404,
    method_not_allowed = 405,
    not_acceptable = 406,
    conflict = 409,
    payload_too_large = 413,
    unsupported_media_type = 415,
    locked = 423,
    too_many_requests = 429,
    header_fields_too_large = 431,
    service_unavailable = 503,
};

constexpr int code(HttpStatus status) {
    return static_cast<int>(status);
}

// The status of an error of `kind`: invalid 400, unauthorized 401, forbidden
// 403, not_found 404, conflict 409, locked 423, too_many_attempts 429,
// unavailable 503.
constexpr HttpStatus status_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid:
            return HttpStatus::bad_request;
        case ErrorKind::unauthorized:
            return HttpStatus::unauthorized;
        case ErrorKind::forbidden:
            return HttpStatus::forbidden;
        case ErrorKind::not_found:
            return HttpStatus::not_found;
        case ErrorKind::conflict:
            return HttpStatus::conflict;
        case ErrorKind::too_many_attempts:
            return HttpStatus::too_many_requests;
        case ErrorKind::unavailable:
            return HttpStatus::service_unavailable;
        case ErrorKind::locked:
            return HttpStatus::locked;
    }
    return HttpStatus::service_unavailable;
}

}  // namespace bistime::http
