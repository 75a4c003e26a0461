// The pieces every route handler shares, and the Phase 1 handlers.
//
// A handler is a plain function of the services and the request's context,
// returning the response; the router has already applied the conventions
// (version, content type, CORS) and matched the path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bistime/core/services.hpp"
#include "bistime/http/api_router.hpp"
#include "bistime/http/http_status.hpp"
#include "rendered_bodies.hpp"
#include "request_target.hpp"

namespace bistime::http::detail {

struct RouteContext {
    const ApiRequest& request;
    const RequestTarget& target;
    std::vector<std::string> params;  // the path's variable segments, in order
    std::string base_url;             // "http://host", for links in pages
    const RouterOptions& options;
    RenderedBodies& bodies;  // large reads already written out
};

// A handler answers the response, or the use case's Error, which the router
// turns into the error body through the one mapping (status_for).
using Handler = Result<ApiResponse> (*)(Services&, const RouteContext&);

ApiResponse error_response(const Error& error);
// An error of the protocol itself (a route or method that does not exist, a
// media type the route does not take), with the contract's error body.
ApiResponse error_response(HttpStatus status, const std::string& detail);
ApiResponse json_response(HttpStatus status, std::string body);
ApiResponse empty_response(HttpStatus status);
// `response` with the validator `etag` (unquoted): ETag and Cache-Control.
ApiResponse versioned(ApiResponse response, std::string_view etag);
// A calendar (text/calendar) that a use case wrote, offered for download as
// "bistime-{uuid}.ics" (Content-Disposition) — calendar apps that subscribe
// read it all the same.
ApiResponse calendar_response(std::string calendar, std::string_view uuid);
// The secret from X-Admin-Token, X-Admin-Code or "Authorization: Bearer".
std::optional<std::string_view> request_secret(const ApiRequest& request,
                                               const std::string& header);
// Who acts on a team member's entry: the member's password (the
// X-Member-Password header, else `from_body`, a body's `password` where the
// route reads it as the member's) and the team's admin code, when given.
MemberCredentials member_credentials(const RouteContext& context,
                                     const std::optional<std::string>& from_body);
// The answer to a use case's result: its error, or `status` with the body
// `write(value)`.
template <typename T, typename Write>
Result<ApiResponse> respond(Result<T>&& result, HttpStatus status, Write write) {
    BISTIME_ASSIGN(T value, std::move(result));
    return json_response(status, write(value));
}
// The answer to a use case without a value: its error, or 204.
Result<ApiResponse> respond_empty(const Result<void>& result);
// A required field was absent.
Error missing_field(const char* name);
// A field the route requires: its value, or the error naming it.
template <typename T>
Result<T> required(Result<std::optional<T>>&& field, const char* name) {
    BISTIME_ASSIGN(std::optional<T> value, std::move(field));
    if (!value) {
        return missing_field(name);
    }
    return std::move(*value);
}
// A path id: a positive number. Errors: not_found ("<what> not found").
Result<std::int64_t> path_id(std::string_view text, const char* what);

// Phase 1: instant events.
Result<ApiResponse> post_event(Services&, const RouteContext&);
Result<ApiResponse> get_event(Services&, const RouteContext&);
Result<ApiResponse> patch_event(Services&, const RouteContext&);
Result<ApiResponse> delete_event(Services&, const RouteContext&);
Result<ApiResponse> get_dates(Services&, const RouteContext&);
Result<ApiResponse> post_dates(Services&, const RouteContext&);
Result<ApiResponse> delete_date(Services&, const RouteContext&);
Result<ApiResponse> get_schedules(Services&, const RouteContext&);
Result<ApiResponse> post_schedules(Services&, const RouteContext&);
Result<ApiResponse> patch_schedule(Services&, const RouteContext&);
Result<ApiResponse> delete_person(Services&, const RouteContext&);
Result<ApiResponse> post_feedback(Services&, const RouteContext&);
Result<ApiResponse> post_schedules_from_member(Services&, const RouteContext&);
Result<ApiResponse> verify_participant(Services&, const RouteContext&);
Result<ApiResponse> verify_organiser(Services&, const RouteContext&);
Result<ApiResponse> get_grid(Services&, const RouteContext&);
Result<ApiResponse> get_csv(Services&, const RouteContext&);
Result<ApiResponse> get_best_times(Services&, const RouteContext&);
Result<ApiResponse> get_calendar(Services&, const RouteContext&);
// The API's own description (RouterOptions::openapi), no use case.
Result<ApiResponse> get_openapi(Services&, const RouteContext&);
Result<ApiResponse> put_decision(Services&, const RouteContext&);
Result<ApiResponse> delete_decision(Services&, const RouteContext&);
Result<ApiResponse> put_lock(Services&, const RouteContext&);
Result<ApiResponse> delete_lock(Services&, const RouteContext&);

// Phase 2: team mode.
Result<ApiResponse> post_team(Services&, const RouteContext&);
Result<ApiResponse> find_team(Services&, const RouteContext&);
Result<ApiResponse> get_team(Services&, const RouteContext&);
Result<ApiResponse> patch_team(Services&, const RouteContext&);
Result<ApiResponse> delete_team(Services&, const RouteContext&);
Result<ApiResponse> verify_admin_code(Services&, const RouteContext&);
Result<ApiResponse> reset_admin_code(Services&, const RouteContext&);
Result<ApiResponse> get_team_events(Services&, const RouteContext&);
Result<ApiResponse> get_subgroups(Services&, const RouteContext&);
Result<ApiResponse> post_subgroup(Services&, const RouteContext&);
Result<ApiResponse> get_subgroup(Services&, const RouteContext&);
Result<ApiResponse> patch_subgroup(Services&, const RouteContext&);
Result<ApiResponse> delete_subgroup(Services&, const RouteContext&);
Result<ApiResponse> get_regular_events(Services&, const RouteContext&);
Result<ApiResponse> post_regular_event(Services&, const RouteContext&);
Result<ApiResponse> get_regular_event(Services&, const RouteContext&);
Result<ApiResponse> patch_regular_event(Services&, const RouteContext&);
Result<ApiResponse> delete_regular_event(Services&, const RouteContext&);
Result<ApiResponse> post_member(Services&, const RouteContext&);
Result<ApiResponse> get_members(Services&, const RouteContext&);
Result<ApiResponse> get_member(Services&, const RouteContext&);
Result<ApiResponse> patch_member(Services&, const RouteContext&);
Result<ApiResponse> delete_member(Services&, const RouteContext&);
Result<ApiResponse> get_team_availability(Services&, const RouteContext&);
Result<ApiResponse> import_member_week(Services&, const RouteContext&);
Result<ApiResponse> get_team_calendar(Services&, const RouteContext&);
Result<ApiResponse> import_schedule(Services&, const RouteContext&);

}  // namespace bistime::http::detail
