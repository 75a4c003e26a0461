// The routes of instant events: each reads the request, calls one use case
// and writes its answer.
#include <charconv>

#include "content_hash.hpp"
#include "csv_output.hpp"
#include "gzip.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "routes.hpp"

namespace bistime::http::detail {
namespace {

std::optional<std::string_view> admin_token(const RouteContext& context) {
    return request_secret(context.request, "x-admin-token");
}

// A participant's password: the X-Participant-Password header, else the body's
// `password` field (already read into `from_body`).
Password participant_password(const RouteContext& context,
                              const std::optional<std::string>& from_body) {
    if (context.request.has_header("x-participant-password")) {
        return std::string_view(context.request.header("x-participant-password"));
    }
    if (from_body) {
        return std::string_view(*from_body);
    }
    return std::nullopt;
}

std::string event_body(const EventDetails& details) {
    return event_json(details);
}

// An optional integer query parameter. Errors: invalid, naming it.
Result<std::optional<std::int64_t>> query_integer(const RouteContext& context, const char* name) {
    const auto text = context.target.query_value(name);
    if (!text) {
        return std::optional<std::int64_t>();
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || error != std::errc() || end != text->data() + text->size()) {
        return Error::invalid_field(name, std::string(name) + " must be a whole number");
    }
    return std::optional<std::int64_t>(value);
}

// The part of an event read's ETag that its query decides ("" without one):
// the same revision read with another zone or duration is another body.
std::string variant_of(const RouteContext& context) {
    std::uint64_t hash = content_hash("");
    for (const auto& [key, value] : context.target.query) {
        hash = content_hash(value, content_hash(key, hash));
    }
    return context.target.query.empty() ? std::string() : "." + hex(hash);
}

// The ETag suffix of a read's gzip form: another representation of the same
// revision, so another validator (RFC 9110, 8.8.3).
constexpr std::string_view k_gzip_tag = "-gz";

// The revision the client says it has, when its If-None-Match is for this
// same read (in either encoding).
std::optional<std::string_view> known_revision(const RouteContext& context,
                                               const std::string& variant) {
    std::string_view tag = first_etag(context.request.header("if-none-match"));
    if (tag.size() > k_gzip_tag.size() &&
        tag.substr(tag.size() - k_gzip_tag.size()) == k_gzip_tag) {
        tag.remove_suffix(k_gzip_tag.size());
    }
    if (tag.size() <= variant.size() || tag.substr(tag.size() - variant.size()) != variant) {
        return std::nullopt;
    }
    tag.remove_suffix(variant.size());
    if (tag.find('.') != std::string_view::npos) {
        return std::nullopt;
    }
    return tag;
}

// The key a read's written body is kept under: its kind, the event and the
// whole query, each part with its length, so no two reads share a body.
// (The ETag's variant is a hash of the query: a collision there misleads only
// the client that made it, never another client.)
std::string kept_body_key(const RouteContext& context, std::string_view kind) {
    std::string key = std::string(kind) + "/" + context.params[0];
    for (const auto& [name, value] : context.target.query) {
        key += "&" + std::to_string(name.size()) + ":" + name + std::to_string(value.size()) + ":" +
               value;
    }
    return key;
}

// A large read's answer depends on Accept-Encoding as well as on its URL.
ApiResponse vary_by_encoding(ApiResponse response) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
    return response;
}

// A read of an event's data (the event, best times, schedules, grid, CSV),
// `kind` naming it: 304 when the client has it; else its body at the event's
// revision, written out once per revision and kept (RenderedBodies).
// `read(known)` is the use case, asked whether the event is still at `known`;
// `make(value)` writes the body.
template <typename T, typename Read, typename Make>
Result<ApiResponse> respond_rendered(const RouteContext& context, std::string_view kind, Read read,
                                     Make make) {
    const std::string variant = variant_of(context);
    const auto client = known_revision(context, variant);
    const bool gzip_wanted = accepts_gzip(context.request.header("accept-encoding"));
    const std::string key = kept_body_key(context, kind);
    const RenderedBodies::Turn turn = context.bodies.turn(key);
    // One question to storage serves both: is the kept body still current,
    // or else is the client's copy.
    auto held = context.bodies.latest(key);
    for (int round = 0;; ++round) {
        const std::optional<std::string_view> known =
            held ? std::optional<std::string_view>(held->first) : client;
        BISTIME_ASSIGN(Revised<T> revised, read(known));
        const std::string etag = revised.revision + variant;
        if (client && *client == revised.revision) {
            // The client's copy is current, in whichever encoding it took:
            // the answer names that copy's own tag.
            return vary_by_encoding(versioned(empty_response(HttpStatus::not_modified),
                                              first_etag(context.request.header("if-none-match"))));
        }
        KeptBody kept;
        if (revised.value) {
            kept = context.bodies.at(key, revised.revision,
                                     [&] { return make(std::move(*revised.value)); });
        } else if (held) {
            kept = context.bodies.at(key, revised.revision, [&] {
                return held->second;  // current, though evicted since it was found
            });
        }
        if (kept.pieces || round == 1) {
            ApiResponse response;
            if (gzip_wanted && (kept.gzipped || (kept.streamed && kept.pieces))) {
                // Kept, its gzip form is shared, not copied; too large to
                // keep, it is compressed as it is sent.
                response.gzip_pieces = !kept.gzipped;
                response.pieces =
                    kept.gzipped ? shared_piece(std::move(kept.gzipped)) : std::move(kept.pieces);
                response.headers.emplace_back("Content-Encoding", "gzip");
                return vary_by_encoding(
                    versioned(std::move(response), etag + std::string(k_gzip_tag)));
            }
            // Kept whole, it goes with its length (HttpServer's gathered
            // write); too large to keep, in chunks as it is written.
            response.pieces = std::move(kept.pieces);
            return vary_by_encoding(versioned(std::move(response), etag));
        }
        held.reset();
    }
}

}  // namespace

Result<std::int64_t> path_id(std::string_view text, const char* what) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
        return Error::not_found(std::string(what) + " not found");
    }
    return value;
}

Result<ApiResponse> post_event(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    CreateEventInput input;
    BISTIME_ASSIGN(input.start_time, body.string_field("startTime"));
    BISTIME_ASSIGN(input.end_time, body.string_field("endTime"));
    BISTIME_ASSIGN(input.associated_team, body.string_field("associatedTeam"));
    BISTIME_ASSIGN(input.description, body.string_field("description"));
    BISTIME_ASSIGN(input.location, body.string_field("location"));
    BISTIME_ASSIGN(input.timezone, body.string_field("timezone"));
    BISTIME_ASSIGN(input.closes_at, body.string_field("closesAt"));
    BISTIME_ASSIGN(input.slot_minutes, body.int_field("slotMinutes"));
    BISTIME_ASSIGN(input.weekdays, body.string_array_field("weekdays"));
    BISTIME_ASSIGN(input.title, required(body.string_field("title"), "title"));
    BISTIME_ASSIGN(CreatedEvent created, services.events.create_event(input));
    return json_response(HttpStatus::created, event_json(created.details, &created.admin_token));
}

Result<ApiResponse> get_event(Services& services, const RouteContext& context) {
    // A poller that has the current details learns so from the event's row
    // alone: its revision is the ETag. The JSON is written once per revision
    // and kept, so a crowd refreshing a large event copies bytes out.
    return respond_rendered<EventDetails>(
        context, "event",
        [&](std::optional<std::string_view> known) {
            return services.events.get_event_if_changed(context.params[0], known);
        },
        [](EventDetails details) { return single_piece(event_json(details)); });
}

Result<ApiResponse> patch_event(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    EventPatch changes;
    BISTIME_ASSIGN(changes.title, body.string_field("title"));
    BISTIME_ASSIGN(changes.start_time, body.string_field("startTime"));
    BISTIME_ASSIGN(changes.end_time, body.string_field("endTime"));
    BISTIME_ASSIGN(changes.description, body.string_field("description"));
    BISTIME_ASSIGN(changes.location, body.string_field("location"));
    BISTIME_ASSIGN(changes.closes_at, body.string_field("closesAt"));
    if (body.is_null("closesAt")) {
        changes.closes_at = "";  // null removes the closing time
    }
    return respond(services.events.update_event(context.params[0], admin_token(context), changes),
                   HttpStatus::ok, event_body);
}

Result<ApiResponse> delete_event(Services& services, const RouteContext& context) {
    return respond_empty(services.events.delete_event(context.params[0], admin_token(context)));
}

Result<ApiResponse> get_dates(Services& services, const RouteContext& context) {
    std::size_t page = 1;
    if (auto text = context.target.query_value("page")) {
        auto number = path_id(*text, "page");
        if (!number || *number > 100000) {
            return Error::not_found("invalid page");
        }
        page = static_cast<std::size_t>(*number);
    }
    const std::string link = context.base_url + context.target.path;
    return respond(services.dates.list_dates(context.params[0], page), HttpStatus::ok,
                   [&](const DatesPage& found) { return dates_page_json(found, link); });
}

Result<ApiResponse> post_dates(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto dates,
                   required(body.string_array_field("additionalDates"), "additionalDates"));
    const std::string link = context.base_url + context.target.path;
    return respond(services.dates.add_dates(context.params[0], dates), HttpStatus::created,
                   [&](const DatesPage& page) { return dates_page_json(page, link); });
}

Result<ApiResponse> delete_date(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(const std::int64_t id, path_id(context.params[0], "date"));
    return respond_empty(services.dates.delete_date(id, admin_token(context)));
}

Result<ApiResponse> get_schedules(Services& services, const RouteContext& context) {
    const auto name = context.target.query_value("name");
    return respond_rendered<std::vector<Schedule>>(
        context, "schedules",
        [&](std::optional<std::string_view> known) {
            return services.schedules.list_schedules_if_changed(context.params[0], name, known);
        },
        [](std::vector<Schedule> rows) { return schedules_body(std::move(rows)); });
}

Result<ApiResponse> post_schedules(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto name, body.string_field("name"));
    BISTIME_ASSIGN(auto days, body.days_field("availability"));
    BISTIME_ASSIGN(auto password, body.string_field("password"));
    if (!name) {
        return missing_field("name");
    }
    if (!days) {
        return missing_field("availability");
    }
    return respond(services.schedules.put_schedules(context.params[0], *name, *days,
                                                    participant_password(context, password)),
                   HttpStatus::created, [](const auto& value) { return schedules_json(value); });
}

Result<ApiResponse> patch_schedule(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto password, body.string_field("password"));
    BISTIME_ASSIGN(auto name, body.string_field("name"));
    BISTIME_ASSIGN(auto day, body.day_field("availability"));
    // `date` is an EventDate id, or (an addition) the day's key: "2026-12-01", "MON".
    std::optional<DayRef> date;
    if (auto key = body.string_field("date");
        key && *key && (*key)->find_first_not_of("0123456789") != std::string::npos) {
        date = DayRef(**key);
    } else {
        BISTIME_ASSIGN(auto id, body.id_field("date"));
        if (id) {
            date = DayRef(*id);
        }
    }
    if (!name) {
        return missing_field("name");
    }
    if (!day) {
        return missing_field("availability");
    }
    if (!date) {
        return missing_field("date");
    }
    BISTIME_ASSIGN(auto stored,
                   services.schedules.patch_schedule(context.params[0], *name, *date, *day,
                                                     participant_password(context, password)));
    return json_response(stored.created ? HttpStatus::created : HttpStatus::ok,
                         schedule_json(stored.schedule));
}

Result<ApiResponse> delete_person(Services& services, const RouteContext& context) {
    // The organiser's token removes anyone; otherwise the person's own password rules.
    const auto token =
        context.request.has_header("x-admin-token") ? admin_token(context) : std::nullopt;
    return respond_empty(services.schedules.delete_person(
        context.params[0], context.params[1], participant_password(context, {}), token));
}

Result<ApiResponse> post_feedback(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(std::string content, body.required_string("content"));
    return respond(services.feedback.add_feedback(content), HttpStatus::created,
                   [](const auto& value) { return feedback_json(value); });
}

Result<ApiResponse> post_schedules_from_member(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(const std::int64_t member_id, required(body.id_field("memberId"), "memberId"));
    BISTIME_ASSIGN(auto password, body.string_field("password"));
    return respond(services.schedules.fill_from_member(context.params[0], member_id,
                                                       member_credentials(context, std::nullopt),
                                                       participant_password(context, password)),
                   HttpStatus::created, [](const auto& value) { return schedules_json(value); });
}

Result<ApiResponse> put_decision(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    DecisionInput decision;
    BISTIME_ASSIGN(decision.date, required(body.string_field("date"), "date"));
    BISTIME_ASSIGN(decision.start_time, required(body.string_field("startTime"), "startTime"));
    BISTIME_ASSIGN(decision.end_time, required(body.string_field("endTime"), "endTime"));
    return respond(services.decisions.decide(context.params[0], admin_token(context), decision),
                   HttpStatus::ok, event_body);
}

Result<ApiResponse> delete_decision(Services& services, const RouteContext& context) {
    return respond(services.decisions.clear_decision(context.params[0], admin_token(context)),
                   HttpStatus::ok, event_body);
}

Result<ApiResponse> put_lock(Services& services, const RouteContext& context) {
    return respond(services.decisions.set_locked(context.params[0], admin_token(context), true),
                   HttpStatus::ok, event_body);
}

Result<ApiResponse> delete_lock(Services& services, const RouteContext& context) {
    return respond(services.decisions.set_locked(context.params[0], admin_token(context), false),
                   HttpStatus::ok, event_body);
}

Result<ApiResponse> get_csv(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(ApiResponse response,
                   respond_rendered<ScheduleExport>(
                       context, "csv",
                       [&](std::optional<std::string_view> known) {
                           return services.schedules.export_schedules_if_changed(context.params[0],
                                                                                 known);
                       },
                       [](ScheduleExport answers) { return schedules_csv(std::move(answers)); }));
    if (response.has_body()) {  // its pieces, or their gzip form
        response.content_type = "text/csv; charset=utf-8";
        // The uuid named an existing event, so it holds only handle letters.
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"bistime-" +
                                                                 context.params[0] + ".csv\"");
    }
    return response;
}

Result<ApiResponse> get_best_times(Services& services, const RouteContext& context) {
    BestTimesInput input;
    BISTIME_ASSIGN(input.duration_minutes, query_integer(context, "duration"));
    BISTIME_ASSIGN(input.min_people, query_integer(context, "minPeople"));
    BISTIME_ASSIGN(input.limit, query_integer(context, "limit"));
    if (auto required_names = context.target.query_value("required")) {
        std::size_t start = 0;
        while (start <= required_names->size()) {
            const auto comma = std::min(required_names->find(',', start), required_names->size());
            if (comma > start) {
                input.required.push_back(required_names->substr(start, comma - start));
            }
            start = comma + 1;
        }
    }
    input.timezone = context.target.query_value("tz");
    // Kept written per question and revision, as the large reads are: at
    // 300 people a ranking names 3,000 people, and writing them out cost
    // more than ranking (which the core remembers).
    return respond_rendered<std::vector<BestTime>>(
        context, "best-times",
        [&](std::optional<std::string_view> known) {
            return services.availability.best_times_if_changed(context.params[0], input, known);
        },
        [](const std::vector<BestTime>& times) { return single_piece(best_times_json(times)); });
}

Result<ApiResponse> get_calendar(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(std::string calendar, services.decisions.decision_calendar(context.params[0]));
    return calendar_response(std::move(calendar), context.params[0]);
}

Result<ApiResponse> import_schedule(Services& services, const RouteContext& context) {
    const auto name = context.target.query_value("name");
    if (!name) {
        return Error::invalid_field("name", "the name query parameter is required");
    }
    return respond(
        services.schedules.import_calendar(context.params[0], *name, context.request.body,
                                           participant_password(context, std::nullopt)),
        HttpStatus::created, [](const auto& value) { return schedules_json(value); });
}

Result<ApiResponse> get_grid(Services& services, const RouteContext& context) {
    const auto zone = context.target.query_value("tz");
    return respond_rendered<EventGrid>(
        context, "grid",
        [&](std::optional<std::string_view> known) {
            return services.availability.grid_if_changed(
                context.params[0], zone ? std::optional<std::string_view>(*zone) : std::nullopt,
                known);
        },
        [](EventGrid grid) { return grid_body(std::move(grid)); });
}

Result<ApiResponse> verify_participant(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto password, body.string_field("password"));
    return respond_empty(services.schedules.verify_participant(
        context.params[0], context.params[1], participant_password(context, password)));
}

Result<ApiResponse> verify_organiser(Services& services, const RouteContext& context) {
    BISTIME_ASSIGN(JsonBody body, JsonBody::parse(context.request.body));
    BISTIME_ASSIGN(auto token, body.string_field("adminToken"));
    const std::optional<std::string_view> given =
        token ? std::optional<std::string_view>(*token) : admin_token(context);
    return respond_empty(services.events.verify_organiser(context.params[0], given));
}

}  // namespace bistime::http::detail
