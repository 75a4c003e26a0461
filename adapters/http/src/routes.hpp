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

#include "bistime/http/api_router.hpp"
#include "request_target.hpp"

namespace bistime::http::detail {

struct RouteContext {
    const ApiRequest& request;
    const RequestTarget& target;
    std::vector<std::string> params;  // the path's variable segments, in order
    std::string base_url;             // "http://host", for links in pages
    const RouterOptions& options;
};

using Handler = ApiResponse (*)(const ApiServices&, const RouteContext&);

// The one mapping from error kinds to HTTP statuses.
int status_for(ErrorKind kind);
ApiResponse error_response(const Error& error);
ApiResponse error_response(int status, const std::string& detail);
ApiResponse json_response(int status, std::string body);
ApiResponse empty_response(int status);
// The secret from X-Admin-Token, X-Admin-Code or "Authorization: Bearer".
std::optional<std::string_view> request_secret(const ApiRequest& request,
                                               const std::string& header);
// The answer to a use case's result: its error, or `status` with the body
// `write(value)`.
template <typename T, typename Write>
ApiResponse respond(const Result<T>& result, int status, Write write) {
    if (!result) {
        return error_response(result.error());
    }
    return json_response(status, write(*result));
}
// The same for a large body, written piece by piece: `make(value)` gives
// the PiecewiseBody.
template <typename T, typename Make>
ApiResponse respond_in_pieces(Result<T>&& result, int status, Make make) {
    if (!result) {
        return error_response(result.error());
    }
    ApiResponse response;
    response.status = status;
    response.pieces = make(std::move(result).value());
    return response;
}
// The answer to a use case without a value: its error, or 204.
ApiResponse respond_empty(const Result<void>& result);
// A required field was absent.
Error missing_field(const char* name);

// Phase 1: instant events.
ApiResponse post_event(const ApiServices&, const RouteContext&);
ApiResponse get_event(const ApiServices&, const RouteContext&);
ApiResponse patch_event(const ApiServices&, const RouteContext&);
ApiResponse delete_event(const ApiServices&, const RouteContext&);
ApiResponse get_dates(const ApiServices&, const RouteContext&);
ApiResponse post_dates(const ApiServices&, const RouteContext&);
ApiResponse delete_date(const ApiServices&, const RouteContext&);
ApiResponse get_schedules(const ApiServices&, const RouteContext&);
ApiResponse post_schedules(const ApiServices&, const RouteContext&);
ApiResponse patch_schedule(const ApiServices&, const RouteContext&);
ApiResponse delete_person(const ApiServices&, const RouteContext&);
ApiResponse post_feedback(const ApiServices&, const RouteContext&);
ApiResponse post_schedules_from_member(const ApiServices&, const RouteContext&);
ApiResponse verify_participant(const ApiServices&, const RouteContext&);
ApiResponse get_grid(const ApiServices&, const RouteContext&);
ApiResponse get_csv(const ApiServices&, const RouteContext&);
ApiResponse get_best_times(const ApiServices&, const RouteContext&);
ApiResponse get_calendar(const ApiServices&, const RouteContext&);
ApiResponse put_decision(const ApiServices&, const RouteContext&);
ApiResponse delete_decision(const ApiServices&, const RouteContext&);
ApiResponse put_lock(const ApiServices&, const RouteContext&);
ApiResponse delete_lock(const ApiServices&, const RouteContext&);

// Phase 2: team mode.
ApiResponse post_team(const ApiServices&, const RouteContext&);
ApiResponse find_team(const ApiServices&, const RouteContext&);
ApiResponse get_team(const ApiServices&, const RouteContext&);
ApiResponse patch_team(const ApiServices&, const RouteContext&);
ApiResponse delete_team(const ApiServices&, const RouteContext&);
ApiResponse verify_admin_code(const ApiServices&, const RouteContext&);
ApiResponse reset_admin_code(const ApiServices&, const RouteContext&);
ApiResponse get_team_events(const ApiServices&, const RouteContext&);
ApiResponse get_subgroups(const ApiServices&, const RouteContext&);
ApiResponse post_subgroup(const ApiServices&, const RouteContext&);
ApiResponse get_subgroup(const ApiServices&, const RouteContext&);
ApiResponse patch_subgroup(const ApiServices&, const RouteContext&);
ApiResponse delete_subgroup(const ApiServices&, const RouteContext&);
ApiResponse get_regular_events(const ApiServices&, const RouteContext&);
ApiResponse post_regular_event(const ApiServices&, const RouteContext&);
ApiResponse get_regular_event(const ApiServices&, const RouteContext&);
ApiResponse patch_regular_event(const ApiServices&, const RouteContext&);
ApiResponse delete_regular_event(const ApiServices&, const RouteContext&);
ApiResponse post_member(const ApiServices&, const RouteContext&);
ApiResponse get_members(const ApiServices&, const RouteContext&);
ApiResponse get_member(const ApiServices&, const RouteContext&);
ApiResponse patch_member(const ApiServices&, const RouteContext&);
ApiResponse delete_member(const ApiServices&, const RouteContext&);
ApiResponse get_team_availability(const ApiServices&, const RouteContext&);
ApiResponse import_member_week(const ApiServices&, const RouteContext&);
ApiResponse get_team_calendar(const ApiServices&, const RouteContext&);
ApiResponse import_schedule(const ApiServices&, const RouteContext&);

// A path id: a positive number, or nullopt.
std::optional<std::int64_t> path_id(std::string_view text);

}  // namespace bistime::http::detail
