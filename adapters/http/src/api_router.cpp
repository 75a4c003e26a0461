#include "bistime/http/api_router.hpp"

#include "bistime/core/caller.hpp"
#include "bistime/log/operator_log.hpp"
#include "client_address.hpp"
#include "rate_limiter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <string_view>

#include "content_hash.hpp"
#include "json_output.hpp"
#include "routes.hpp"

namespace bistime::http {

const std::string& ApiRequest::header(const std::string& name) const {
    static const std::string k_absent;
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return value;
        }
    }
    return k_absent;
}

bool ApiRequest::has_header(const std::string& name) const {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& header) { return header.first == name; });
}

namespace detail {

ApiResponse json_response(HttpStatus status, std::string body) {
    ApiResponse response;
    response.status = code(status);
    response.body = std::move(body);
    return response;
}

ApiResponse empty_response(HttpStatus status) {
    return json_response(status, {});
}

ApiResponse versioned(ApiResponse response, std::string_view etag) {
    response.headers.emplace_back("ETag", '"' + std::string(etag) + '"');
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

ApiResponse calendar_response(std::string calendar, std::string_view uuid) {
    ApiResponse response = json_response(HttpStatus::ok, std::move(calendar));
    response.content_type = "text/calendar; charset=utf-8";
    // The uuid named an existing event or team, so it is a handle; only its
    // letters and digits go in the header all the same.
    std::string name = "bistime-";
    for (const char c : uuid) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            name += c;
        }
    }
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"" + name + ".ics\"");
    return response;
}

ApiResponse error_response(HttpStatus status, const std::string& detail) {
    return json_response(status, error_json(code(status), detail));
}

ApiResponse error_response(const Error& error) {
    const HttpStatus status = status_for(error.kind);
    ApiResponse response =
        json_response(status, error_json(code(status), error.message, error.field_errors));
    if (error.retry_after_seconds > 0) {
        response.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
    }
    return response;
}

Result<ApiResponse> respond_empty(const Result<void>& result) {
    BISTIME_TRY(result);
    return empty_response(HttpStatus::no_content);
}

Result<ApiResponse> get_openapi(Services&, const RouteContext& context) {
    if (context.options.openapi.empty()) {
        return Error::not_found("no API description is served here");
    }
    ApiResponse response = json_response(HttpStatus::ok, std::string(context.options.openapi));
    response.content_type = "application/yaml; charset=utf-8";
    return response;
}

Error missing_field(const char* name) {
    return Error::invalid_field(name, std::string(name) + " is required");
}

std::optional<std::string_view> request_secret(const ApiRequest& request,
                                               const std::string& header) {
    if (request.has_header(header)) {
        return std::string_view(request.header(header));
    }
    const std::string& authorization = request.header("authorization");
    constexpr std::string_view k_bearer = "bearer ";
    if (authorization.size() > k_bearer.size()) {
        std::string scheme = authorization.substr(0, k_bearer.size());
        std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (scheme == k_bearer) {
            return std::string_view(authorization).substr(k_bearer.size());
        }
    }
    return std::nullopt;
}

MemberCredentials member_credentials(const RouteContext& context,
                                     const std::optional<std::string>& from_body) {
    MemberCredentials credentials;
    if (context.request.has_header("x-member-password")) {
        credentials.password = context.request.header("x-member-password");
    } else if (from_body) {
        credentials.password = *from_body;
    }
    credentials.admin_code = request_secret(context.request, "x-admin-code");
    return credentials;
}

namespace {

// What a route's request body must be.
enum class BodyType { json, calendar };

struct Route {
    std::vector<std::string_view> pattern;  // literal segments, or "*" for a variable
    std::vector<std::pair<std::string_view, Handler>> methods;
    BodyType body = BodyType::json;
};

// First match wins: literal routes come before variable ones of the same shape.
const std::vector<Route>& route_table() {
    static const std::vector<Route> k_routes = {
        {{"api", "events"}, {{"POST", post_event}}},
        {{"api", "events", "dates", "*"}, {{"DELETE", delete_date}}},
        {{"api", "events", "*"},
         {{"GET", get_event}, {"PATCH", patch_event}, {"DELETE", delete_event}}},
        {{"api", "events", "*", "dates"}, {{"GET", get_dates}, {"POST", post_dates}}},
        {{"api", "events", "*", "grid"}, {{"GET", get_grid}}},
        {{"api", "events", "*", "export.csv"}, {{"GET", get_csv}}},
        {{"api", "events", "*", "best-times"}, {{"GET", get_best_times}}},
        {{"api", "events", "*", "calendar.ics"}, {{"GET", get_calendar}}},
        {{"api", "events", "*", "decision"}, {{"PUT", put_decision}, {"DELETE", delete_decision}}},
        {{"api", "events", "*", "lock"}, {{"PUT", put_lock}, {"DELETE", delete_lock}}},
        {{"api", "events", "*", "schedules"},
         {{"GET", get_schedules}, {"POST", post_schedules}, {"PATCH", patch_schedule}}},
        {{"api", "events", "*", "schedules", "from-member"},
         {{"POST", post_schedules_from_member}}},
        {{"api", "events", "*", "schedules", "import"},
         {{"POST", import_schedule}},
         BodyType::calendar},
        {{"api", "teams", "members", "*", "import"},
         {{"POST", import_member_week}},
         BodyType::calendar},
        {{"api", "events", "*", "schedules", "*"}, {{"DELETE", delete_person}}},
        {{"api", "events", "*", "participants", "*", "verify"}, {{"POST", verify_participant}}},
        {{"api", "events", "*", "admin", "verify"}, {{"POST", verify_organiser}}},
        {{"api", "feedbacks"}, {{"POST", post_feedback}}},
        {{"api", "teams"}, {{"GET", find_team}, {"POST", post_team}}},
        {{"api", "teams", "members"}, {{"POST", post_member}}},
        {{"api", "teams", "members", "*"},
         {{"GET", get_member}, {"PATCH", patch_member}, {"DELETE", delete_member}}},
        {{"api", "teams", "subgroups", "*"},
         {{"GET", get_subgroup}, {"PATCH", patch_subgroup}, {"DELETE", delete_subgroup}}},
        {{"api", "teams", "regular-events", "*"},
         {{"GET", get_regular_event},
          {"PATCH", patch_regular_event},
          {"DELETE", delete_regular_event}}},
        {{"api", "teams", "*"},
         {{"GET", get_team}, {"PATCH", patch_team}, {"DELETE", delete_team}}},
        {{"api", "teams", "*", "admin", "verify"}, {{"POST", verify_admin_code}}},
        {{"api", "teams", "*", "admin", "reset"}, {{"POST", reset_admin_code}}},
        {{"api", "teams", "*", "events"}, {{"GET", get_team_events}}},
        {{"api", "teams", "*", "subgroups"}, {{"GET", get_subgroups}, {"POST", post_subgroup}}},
        {{"api", "teams", "*", "regular-events"},
         {{"GET", get_regular_events}, {"POST", post_regular_event}}},
        {{"api", "teams", "*", "members"}, {{"GET", get_members}}},
        {{"api", "teams", "*", "availability"}, {{"GET", get_team_availability}}},
        {{"api", "teams", "*", "calendar.ics"}, {{"GET", get_team_calendar}}},
        {{"api", "openapi.yaml"}, {{"GET", get_openapi}}},
    };
    return k_routes;
}

// Indexes of the routes outside the table, after its own (route_labels()).
std::size_t special_route(std::size_t offset) {
    return route_table().size() + offset;
}
const std::size_t k_health_route = 0;
const std::size_t k_metrics_route = 1;
const std::size_t k_ready_route = 2;
const std::size_t k_web_route = 3;

const Route* match_route(const std::vector<std::string>& segments,
                         std::vector<std::string>& params) {
    for (const Route& route : route_table()) {
        if (route.pattern.size() != segments.size()) {
            continue;
        }
        std::vector<std::string> captured;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i) {
            if (route.pattern[i] == "*") {
                captured.push_back(segments[i]);
            } else {
                matches = route.pattern[i] == segments[i];
            }
        }
        if (matches) {
            params = std::move(captured);
            return &route;
        }
    }
    return nullptr;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The version a client asks for in Accept ("application/json; version=1"),
// or "" when it names none.
std::string requested_version(const std::string& accept) {
    const std::string text = lower(accept);
    const auto at = text.find("version=");
    if (at == std::string::npos) {
        return "";
    }
    const auto start = at + 8;
    const auto end = text.find_first_of(";, ", start);
    std::string version =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    version.erase(std::remove(version.begin(), version.end(), '"'), version.end());
    return version;
}

// The media type of a Content-Type, lower case, without parameters.
std::string media_type(const std::string& content_type) {
    const std::string media = lower(content_type.substr(0, content_type.find(';')));
    const auto first = media.find_first_not_of(" \t");
    const auto last = media.find_last_not_of(" \t");
    return first == std::string::npos ? "" : media.substr(first, last - first + 1);
}

bool is_json(const std::string& content_type) {
    const std::string media = lower(content_type.substr(0, content_type.find(';')));
    const auto first = media.find_first_not_of(" \t");
    const auto last = media.find_last_not_of(" \t");
    if (first == std::string::npos) {
        return false;
    }
    const std::string bare = media.substr(first, last - first + 1);
    return bare == "application/json" ||
           (bare.size() > 5 &&
            bare.rfind("+json") == bare.size() - 5);  // e.g. application/problem+json
}

// Only plain host names and addresses are echoed into links; anything else
// in a client's Host header falls back to localhost.
std::string base_url(const ApiRequest& request) {
    std::string host = request.header("host");
    const bool plain =
        !host.empty() && host.size() <= 255 &&
        std::all_of(host.begin(), host.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        });
    if (!plain) {
        host = "localhost";
    }
    const std::string& proto = request.header("x-forwarded-proto");
    return (proto == "https" ? "https://" : "http://") + host;
}

constexpr std::string_view k_allowed_headers =
    "Content-Type, Accept, Authorization, X-Admin-Token, X-Admin-Code, X-Participant-Password, "
    "X-Member-Password, "
    "version, If-None-Match";

}  // namespace
}  // namespace detail

struct ApiRouter::Impl {
    Impl(Services& api_services, RouterOptions router_options)
        : services(api_services),
          options(std::move(router_options)),
          creates(options.create_rate.burst, options.create_rate.per_second),
          writes(options.write_rate.burst, options.write_rate.per_second),
          bodies(options.rendered_cache_bytes) {}

    Services& services;
    RouterOptions options;
    mutable detail::RateLimiter creates;
    mutable detail::RateLimiter writes;
    mutable detail::RenderedBodies bodies;

    // The origin to echo in Access-Control-Allow-Origin, or "" when the
    // request's origin is not allowed.
    std::string allowed_origin(const std::string& origin) const {
        if (origin.empty()) {
            return "";
        }
        for (const std::string& allowed : options.cors_origins) {
            if (allowed == "*" || allowed == origin) {
                return origin;
            }
        }
        return "";
    }

    void add_cors(ApiResponse& response, const std::string& origin) const {
        const std::string allowed = allowed_origin(origin);
        if (!allowed.empty()) {
            response.headers.emplace_back("Access-Control-Allow-Origin", allowed);
            response.headers.emplace_back("Vary", "Origin");
        }
    }

    ApiResponse route(const ApiRequest& request) const;
    // GET /health-check, /metrics and /ready.
    ApiResponse operator_route(const ApiRequest& request, std::string_view name) const;
};

ApiRouter::ApiRouter(Services& services, RouterOptions options)
    : impl_(std::make_unique<Impl>(services, std::move(options))) {}

ApiRouter::~ApiRouter() = default;

ApiResponse ApiRouter::error_response(HttpStatus status, const std::string& detail,
                                      const std::string& origin) const {
    ApiResponse response = detail::error_response(status, detail);
    if (status == HttpStatus::service_unavailable) {
        response.headers.emplace_back("Retry-After", "1");
    }
    impl_->add_cors(response, origin);
    return response;
}

std::string ApiRouter::client_address(const ApiRequest& request) const {
    return detail::client_address(request.peer, request.header("x-forwarded-for"),
                                  impl_->options.trusted_proxies);
}

std::optional<ApiResponse> ApiRouter::refuse_over_rate(const ApiRequest& request) const {
    const std::string& method = request.method;
    if (method == "GET" || method == "HEAD" || method == "OPTIONS") {
        return std::nullopt;
    }
    const std::string_view path =
        std::string_view(request.target).substr(0, request.target.find('?'));
    if (path.substr(0, 5) != "/api/") {
        return std::nullopt;
    }
    const std::string_view trimmed =
        path.size() > 1 && path.back() == '/' ? path.substr(0, path.size() - 1) : path;
    const bool creates = method == "POST" && (trimmed == "/api/events" || trimmed == "/api/teams" ||
                                              trimmed == "/api/teams/members");
    detail::RateLimiter& limiter = creates ? impl_->creates : impl_->writes;
    const long wait = limiter.take(client_address(request));
    if (wait == 0) {
        return std::nullopt;
    }
    ApiResponse response = detail::error_response(
        HttpStatus::too_many_requests,
        std::string("too many ") + (creates ? "creations" : "writes") +
            " from this address; try again in " + std::to_string(wait) + " s");
    response.headers.emplace_back("Retry-After", std::to_string(wait));
    impl_->add_cors(response, request.header("origin"));
    return response;
}

std::optional<ApiResponse> ApiRouter::refuse_unread(const ApiRequest& request) const {
    const auto target = detail::parse_request_target(request.target);
    if (!target || target->segments.empty() || target->segments[0] != "api" ||
        request.method == "OPTIONS") {
        return std::nullopt;  // handle() decides, as for any request
    }
    std::vector<std::string> params;
    const detail::Route* route = detail::match_route(target->segments, params);
    bool allowed = false;
    if (route != nullptr) {
        for (const auto& method : route->methods) {
            allowed = allowed || method.first == request.method ||
                      (method.first == "GET" && request.method == "HEAD");
        }
    }
    if (allowed) {
        return std::nullopt;
    }
    ApiRequest head = request;
    head.body.clear();
    return handle(head);  // the 404 or 405, with its Allow and CORS headers
}

bool ApiRouter::answers_at_once(const std::string& target) const {
    const std::string_view path = std::string_view(target).substr(0, target.find('?'));
    if (path == "/health-check" || path == "/health-check/" || path == "/metrics") {
        return true;
    }
    return impl_->options.web_site != nullptr && WebSite::serves(target);
}

namespace {

// A validator for a successful read, so that a client polling an event pays
// for the body only when it changed.
void add_validator(const ApiRequest& request, ApiResponse& response) {
    if ((request.method != "GET" && request.method != "HEAD") ||
        response.status != code(HttpStatus::ok)) {
        return;
    }
    std::string etag;
    for (const auto& header : response.headers) {
        if (header.first == "ETag") {
            etag = header.second;  // the handler's own validator
        }
    }
    if (etag.empty()) {
        if (!response.has_body()) {
            return;
        }
        std::uint64_t hash = detail::content_hash(response.body);
        if (response.pieces) {
            // A first pass over the pieces, one at a time: the hash of the
            // whole body without holding it.
            std::string piece;
            for (std::size_t i = 0; i < response.pieces->piece_count(); ++i) {
                piece.clear();
                response.pieces->write_piece(i, piece);
                hash = detail::content_hash(piece, hash);
            }
        }
        etag = '"' + detail::hex(hash) + '"';
        response.headers.emplace_back("ETag", etag);
        response.headers.emplace_back("Cache-Control", "no-cache");
    }
    if (detail::etag_matches(request.header("if-none-match"), etag)) {
        response.status = code(HttpStatus::not_modified);
        response.body.clear();
        response.pieces.reset();
    }
}

}  // namespace

// How much of a request's target an error line quotes.
constexpr std::size_t k_logged_target_length = 160;

std::vector<std::string> ApiRouter::route_labels() {
    std::vector<std::string> labels;
    for (const auto& route : detail::route_table()) {
        std::string label;
        for (const std::string_view segment : route.pattern) {
            label += '/';
            label += segment == "*" ? "{}" : segment;
        }
        labels.push_back(std::move(label));
    }
    for (const char* special : {"/health-check", "/metrics", "/ready", "web app"}) {
        labels.emplace_back(special);
    }
    return labels;
}

std::vector<std::string> ApiRouter::endpoints() {
    std::vector<std::string> all;
    const auto labels = route_labels();
    for (std::size_t i = 0; i < detail::route_table().size(); ++i) {
        for (const auto& method : detail::route_table()[i].methods) {
            all.push_back(std::string(method.first) + ' ' + labels[i]);
        }
    }
    return all;
}

ApiResponse ApiRouter::handle(const ApiRequest& request) const {
    if (impl_->options.web_site != nullptr && WebSite::serves(request.target)) {
        ApiResponse page = impl_->options.web_site->handle(request);
        page.route = detail::special_route(detail::k_web_route);
        return page;
    }
    ApiResponse response;
    try {
        // Rules that tell clients apart (throttling secrets) see who this is.
        const Caller::Scope caller(client_address(request));
        response = impl_->route(request);
    } catch (const std::exception& error) {
        // A bug or resource exhaustion, not the client's doing: say so without
        // a 500, and leave the cause in the log.
        // One line, in one write, with the client's bytes made printable,
        // and without the query, which may carry a name.
        const std::string_view path =
            std::string_view(request.target).substr(0, request.target.find('?'));
        std::string line = "unexpected failure on " + request.method + ' ' +
                           std::string(path.substr(0, k_logged_target_length)) + ": " +
                           error.what();
        std::replace_if(
            line.begin(), line.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }, '?');
        log::write(log::Level::error, line);
        response =
            detail::error_response(HttpStatus::service_unavailable, "temporarily unable to answer");
    }
    add_validator(request, response);
    if (response.status == code(HttpStatus::service_unavailable)) {
        // Storage refuses at once while it is down and probes about once a
        // second: a client may try again that soon.
        response.headers.emplace_back("Retry-After", "1");
    }
    impl_->add_cors(response, request.header("origin"));
    return response;
}

ApiResponse ApiRouter::Impl::route(const ApiRequest& request) const {
    using namespace detail;
    const auto target = parse_request_target(request.target);
    if (!target) {
        return detail::error_response(HttpStatus::bad_request, "malformed request target");
    }
    const auto& segments = target->segments;

    // The operator's routes, outside /api/: liveness, metrics, readiness.
    if (segments.size() == 1 &&
        (segments[0] == "health-check" ||
         (segments[0] == "metrics" && options.metrics != nullptr) || segments[0] == "ready")) {
        ApiResponse response = operator_route(request, segments[0]);
        response.route = special_route(segments[0] == "health-check" ? k_health_route
                                       : segments[0] == "metrics"    ? k_metrics_route
                                                                     : k_ready_route);
        return response;
    }
    const bool is_api = !segments.empty() && segments[0] == "api";

    if (request.method == "OPTIONS" && is_api) {
        ApiResponse response = empty_response(HttpStatus::ok);
        if (!allowed_origin(request.header("origin")).empty()) {
            response.headers.emplace_back("Access-Control-Allow-Methods",
                                          "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            response.headers.emplace_back("Access-Control-Allow-Headers",
                                          std::string(k_allowed_headers));
            response.headers.emplace_back("Access-Control-Max-Age", "600");
        }
        return response;
    }

    const std::string version = requested_version(request.header("accept"));
    if (!version.empty() && version != "1") {
        return detail::error_response(
            HttpStatus::not_acceptable,
            "unsupported API version: " + version + " (this server speaks 1)");
    }

    std::vector<std::string> params;
    const Route* route = is_api ? match_route(segments, params) : nullptr;
    if (route == nullptr) {
        return detail::error_response(HttpStatus::not_found, "no such route: " + target->path);
    }
    Handler handler = nullptr;
    std::string allow;
    // HEAD is a GET whose body the server leaves out.
    const std::string method_wanted = request.method == "HEAD" ? "GET" : request.method;
    for (const auto& [method, method_handler] : route->methods) {
        allow += (allow.empty() ? "" : ", ") + std::string(method);
        if (method == "GET") {
            allow += ", HEAD";
        }
        if (method == method_wanted) {
            handler = method_handler;
        }
    }
    if (handler == nullptr) {
        ApiResponse response = detail::error_response(
            HttpStatus::method_not_allowed, "method " + request.method + " not allowed here");
        response.headers.emplace_back("Allow", allow + ", OPTIONS");
        return response;
    }

    const bool has_body = request.body.find_first_not_of(" \t\r\n") != std::string::npos;
    if (route->body == BodyType::calendar) {
        if (media_type(request.header("content-type")) != "text/calendar") {
            return detail::error_response(HttpStatus::unsupported_media_type,
                                          "request body must be text/calendar");
        }
    } else if (has_body && !is_json(request.header("content-type"))) {
        return detail::error_response(HttpStatus::unsupported_media_type,
                                      "request body must be application/json");
    }
    auto answered = handler(services, RouteContext{request, *target, std::move(params),
                                                   base_url(request), options, bodies});
    ApiResponse response =
        answered ? std::move(answered).value() : detail::error_response(answered.error());
    response.route = static_cast<std::size_t>(route - route_table().data());
    return response;
}

ApiResponse ApiRouter::Impl::operator_route(const ApiRequest& request,
                                            std::string_view name) const {
    using namespace detail;
    if (request.method != "GET" && request.method != "HEAD") {
        ApiResponse response =
            detail::error_response(HttpStatus::method_not_allowed, "method not allowed");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    if (name == "metrics") {
        ApiResponse response = json_response(HttpStatus::ok, options.metrics->render());
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        response.headers.emplace_back("Cache-Control", "no-store");
        return response;
    }
    if (name == "ready" && options.readiness) {
        if (auto ready = options.readiness(); !ready) {
            return detail::error_response(HttpStatus::service_unavailable,
                                          "not ready: " + ready.error().message);
        }
    }
    ApiResponse response = empty_response(HttpStatus::ok);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace bistime::http
