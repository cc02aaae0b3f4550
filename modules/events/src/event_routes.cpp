#include "event_search.hpp"
#include "event_validation.hpp"
#include "json_mapping.hpp"
#include "route_support.hpp"
#include "routes.hpp"

#include <proeventa/clock.hpp>
#include <proeventa/http/json_io.hpp>

#include <boost/json/array.hpp>

#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>

namespace proeventa::events {

namespace {

constexpr std::int64_t max_id = std::numeric_limits<std::int64_t>::max();

const char* state_name(seat_state s) {
    switch (s) {
        case seat_state::held: return "held";
        case seat_state::reserved: return "reserved";
        case seat_state::available: break;
    }
    return "available";
}

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

awaitable<response> list_events_handler(request_context& ctx, auth::identity& identity,
                                         event_service& events) {
    query_reader q(ctx);
    event_filter filter = read_filter(q);
    const page p = read_page(q);
    q.finish();
    const auto who = co_await identity.optional_user(ctx);
    if (who) {
        filter.viewer_id = who->user_id;
        filter.viewer_is_admin = who->is_admin();
    }
    const auto result = co_await events.list(filter, p.limit, p.offset);
    json::array items;
    items.reserve(result->items.size());
    for (const auto& v : result->items) items.push_back(to_json(v.event, v.places_taken));
    co_return json_list_response(ctx, items, result->total);
}

awaitable<response> get_event_handler(request_context& ctx, auth::identity& identity,
                                       event_service& events) {
    const auto who = co_await identity.optional_user(ctx);
    const auto view = co_await events.get(ctx.param("id"), who);
    co_return json_response(ctx, http::status::ok, to_json(view.event, view.places_taken));
}

awaitable<response> event_seats_handler(request_context& ctx, auth::identity& identity,
                                         event_service& events) {
    const auto who = co_await identity.optional_user(ctx);
    const auto map = co_await events.seat_map(ctx.param("id"), who);
    std::unordered_map<std::string_view, std::string> prices;
    for (const auto& p : map.event.prices) prices.emplace(p.category, std::to_string(p.price_cents));
    const auto& seats = *map.seats;
    std::string body = "{\"event_id\":" + std::to_string(map.event.id) +
                       ",\"venue_id\":" + std::to_string(map.event.venue_id) + ",\"seats\":[";
    body.reserve(body.size() + seats.size() * (seats.open_json.empty() ? 0 : seats.open_json[0].size() + 48));
    for (std::size_t i = 0; i < seats.size(); ++i) {
        const auto& seat = seats.seats[i];
        if (i) body += ',';
        body += seats.open_json[i];
        body += ",\"price_cents\":";
        auto price = prices.find(seat.category);
        body += price == prices.end() ? std::string_view("null") : std::string_view(price->second);
        auto state = map.states.find(seat.id);
        body += ",\"state\":\"";
        body += state_name(state == map.states.end() ? seat_state::available : state->second);
        body += "\"}";
    }
    body += "]}";
    co_return text_json_response(ctx, std::move(body));
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

void register_event_routes(router& r, auth::identity& identity, event_service& events) {
    r.add(http::verb::get, {"/events/events", "/api/v1/events"}, [&identity, &events](request_context& ctx) {
        return answering_failures(list_events_handler(ctx, identity, events));
    });
    r.add(http::verb::post, {"/events/events", "/api/v1/events"}, [&identity, &events](request_context& ctx) {
        return answering_failures(create_event_handler(ctx, identity, events));
    });
    r.add(http::verb::get, {"/events/events/{id}", "/api/v1/events/{id}"},
          [&identity, &events](request_context& ctx) {
              return answering_failures(get_event_handler(ctx, identity, events));
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
          [&identity, &events](request_context& ctx) {
              return answering_failures(event_seats_handler(ctx, identity, events));
          });
}

}  // namespace proeventa::events
