#include "event_search.hpp"
#include "event_validation.hpp"
#include "json_mapping.hpp"
#include "public_reads.hpp"
#include "seat_feeds.hpp"
#include "route_support.hpp"
#include "routes.hpp"

#include <proeventa/clock.hpp>
#include <proeventa/http/json_io.hpp>

#include <boost/asio/this_coro.hpp>
#include <boost/json/array.hpp>

#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>

namespace proeventa::events {

namespace {

constexpr std::int64_t max_id = std::numeric_limits<std::int64_t>::max();

event_filter read_filter(query_reader& q) {
    event_filter f;
    // query_reader refuses text that is not UTF-8.
    if (auto text = q.string("q", 200)) f.search = search_text(*text);
    f.from = q.timestamp("from");
    f.to = q.timestamp("to");
    if (f.from && f.to) {
        const auto from = parse_rfc3339(*f.from);
        const auto to = parse_rfc3339(*f.to);
        if (from && to && *to < *from) q.fail("to", "must not be before from");
    }
    f.venue_id = q.integer("venue_id", 1, max_id);
    f.organizer_id = q.integer("organizer_id", 1, max_id);
    f.status = q.one_of("status", {"draft", "published", "cancelled"});
    f.available_only = q.boolean("available").value_or(false);
    f.sort = q.one_of("sort", {"start_time", "-start_time", "name"}).value_or("start_time");
    return f;
}

awaitable<response> list_events_handler(request_context& ctx, auth::identity& identity, public_reads& reads) {
    query_reader q(ctx);
    event_filter filter = read_filter(q);
    const page p = read_page(q);
    q.finish();
    const auto who = co_await identity.optional_user(ctx);
    if (who && !public_reads::sees_public_list(who)) {
        filter.viewer_id = who->user_id;
        filter.viewer_is_admin = who->is_admin();
    }
    co_return co_await reads.list(ctx, who, filter, p.limit, p.offset);
}

awaitable<response> get_event_handler(request_context& ctx, auth::identity& identity, public_reads& reads) {
    const auto who = co_await identity.optional_user(ctx);
    co_return co_await reads.event(ctx, who, ctx.param("id"));
}

awaitable<response> event_seats_handler(request_context& ctx, auth::identity& identity, public_reads& reads) {
    const auto who = co_await identity.optional_user(ctx);
    co_return co_await reads.seat_map(ctx, who, ctx.param("id"));
}

awaitable<response> seat_states_handler(request_context& ctx, auth::identity& identity, public_reads& reads) {
    const auto who = co_await identity.optional_user(ctx);
    co_return co_await reads.seat_states(ctx, who, ctx.param("id"));
}

/// Server-Sent Events of the seat states (seat_feeds.hpp). EventSource sends no Authorization
/// header, so this is for what anyone may see; a reconnecting browser sends Last-Event-ID.
awaitable<response> seat_stream_handler(request_context& ctx, auth::identity& identity, public_reads& reads,
                                        seat_feeds& feeds) {
    const auto who = co_await identity.optional_user(ctx);
    const auto id = ctx.param("id");
    co_await reads.require_visible(who, id);
    const auto last = ctx.header("Last-Event-ID");
    std::optional<std::string_view> since;
    if (!last.empty() && last.size() <= 128) since = last;
    ctx.start_stream(feeds.open(co_await net::this_coro::executor, id, since));
    response res{http::status::ok, ctx.req().version()};
    res.set(http::field::content_type, "text/event-stream");
    res.set(http::field::cache_control, "no-store");
    // nginx passes the stream on as it comes instead of buffering it (deploy/nginx.conf).
    res.set("X-Accel-Buffering", "no");
    co_return res;
}

awaitable<response> create_event_handler(request_context& ctx, auth::identity& identity,
                                          event_service& events) {
    const principal who = co_await identity.require_user(ctx);
    auth::require_role(who, {"organizer", "admin"});
    const json::object json_body = parse_json_object(ctx);
    field_reader body(json_body);
    const event_input in = read_event_input(body, true);
    co_await finish_reading(body, events.check_new(who, in));
    const auto view = co_await events.create(who, in);
    co_return json_response(ctx, http::status::created, to_json(view.event, view.places_taken));
}

awaitable<response> update_event_handler(request_context& ctx, auth::identity& identity,
                                          event_service& events) {
    const principal who = co_await identity.require_user(ctx);
    auth::require_role(who, {"organizer", "admin"});
    const json::object json_body = parse_json_object(ctx);
    field_reader body(json_body);
    const event_input in = read_event_input(body, false);
    // Malformed fields are answered before any row is locked; rules that need the stored event
    // and its venue are checked inside the service's transaction.
    body.finish();
    const auto view = co_await events.update(who, ctx.param("id"), in);
    co_return json_response(ctx, http::status::ok, to_json(view.event, view.places_taken));
}

awaitable<response> cancel_event_handler(request_context& ctx, auth::identity& identity,
                                          event_service& events) {
    const principal who = co_await identity.require_user(ctx);
    auth::require_role(who, {"organizer", "admin"});
    const auto outcome = co_await events.cancel(who, ctx.param("id"));
    json::object body = to_json(outcome.view.event, outcome.view.places_taken);
    body["reservations_cancelled"] = outcome.reservations_cancelled;
    co_return json_response(ctx, http::status::ok, body);
}

}  // namespace

void register_event_routes(router& r, auth::identity& identity, event_service& events, public_reads& reads,
                           seat_feeds& feeds) {
    r.add(http::verb::get, {"/events/events", "/api/v1/events"}, [&identity, &reads](request_context& ctx) {
        return answering_failures(list_events_handler(ctx, identity, reads));
    });
    r.add(http::verb::post, {"/events/events", "/api/v1/events"}, [&identity, &events](request_context& ctx) {
        return answering_failures(create_event_handler(ctx, identity, events));
    });
    r.add(http::verb::get, {"/events/events/{id}", "/api/v1/events/{id}"},
          [&identity, &reads](request_context& ctx) {
              return answering_failures(get_event_handler(ctx, identity, reads));
          });
    r.add(http::verb::put, {"/events/events/{id}", "/api/v1/events/{id}"},
          [&identity, &events](request_context& ctx) {
              return answering_failures(update_event_handler(ctx, identity, events));
          });
    r.add(http::verb::delete_, {"/events/events/{id}", "/api/v1/events/{id}"},
          [&identity, &events](request_context& ctx) {
              return answering_failures(cancel_event_handler(ctx, identity, events));
          });
    r.add(http::verb::get, {"/events/events/{id}/seats", "/api/v1/events/{id}/seats"},
          [&identity, &reads](request_context& ctx) {
              return answering_failures(event_seats_handler(ctx, identity, reads));
          });
    r.add(http::verb::get, {"/events/events/{id}/seats/state", "/api/v1/events/{id}/seats/state"},
          [&identity, &reads](request_context& ctx) {
              return answering_failures(seat_states_handler(ctx, identity, reads));
          });
    r.add(http::verb::get, {"/events/events/{id}/seats/stream", "/api/v1/events/{id}/seats/stream"},
          [&identity, &reads, &feeds](request_context& ctx) {
              return answering_failures(seat_stream_handler(ctx, identity, reads, feeds));
          });
}

}  // namespace proeventa::events
