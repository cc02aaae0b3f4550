#include "json_mapping.hpp"
#include "route_support.hpp"
#include "routes.hpp"
#include "venue_validation.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/json/array.hpp>

namespace proeventa::events {

namespace {

awaitable<response> list_venues_handler(request_context& ctx, venue_service& venues) {
    query_reader q(ctx);
    const page p = read_page(q);
    q.finish();
    const auto result = co_await venues.list(p.limit, p.offset);
    json::array items;
    items.reserve(result.items.size());
    for (const auto& v : result.items) items.push_back(to_json(v));
    co_return json_list_response(ctx, items, result.total);
}

awaitable<response> create_venue_handler(request_context& ctx, auth::identity& identity,
                                         venue_service& venues) {
    const principal who = co_await identity.require_user(ctx);
    auth::require_role(who, {"organizer", "admin"});
    const json::object json_body = parse_json_object(ctx);
    field_reader body(json_body);
    venue_create_input in = read_venue_create(body);
    co_await finish_reading(body, venues.check_new(in));
    const venue_record venue = co_await venues.create(who, std::move(in));
    co_return json_response(ctx, http::status::created, to_json(venue));
}

awaitable<response> get_venue_handler(request_context& ctx, venue_service& venues) {
    const venue_record venue = co_await venues.get(ctx.param("id"));
    co_return json_response(ctx, http::status::ok, to_json(venue));
}

awaitable<response> update_venue_handler(request_context& ctx, auth::identity& identity,
                                         venue_service& venues) {
    const principal who = co_await identity.require_user(ctx);
    auth::require_role(who, {"organizer", "admin"});
    const json::object json_body = parse_json_object(ctx);
    field_reader body(json_body);
    venue_update_input in = read_venue_update(body);
    const std::int64_t id = ctx.param("id");
    co_await finish_reading(body, venues.check_update(who, id, in));
    const venue_record venue = co_await venues.update(who, id, std::move(in));
    co_return json_response(ctx, http::status::ok, to_json(venue));
}

/// A venue's seat geometry. It never changes (a different map is a different venue), so asked
/// for at its content-addressed URL (`?v=<its version>`, as seat states name it) it may be kept
/// anywhere for a year; otherwise it is revalidated by its ETag.
awaitable<response> venue_seats_handler(request_context& ctx, venue_service& venues) {
    const venue_record venue = co_await venues.get(ctx.param("id"));
    const auto seats = co_await venues.seats(venue);
    if (!seats->geometry) co_return text_json_response(ctx, "[]");  // general admission
    const auto version = ctx.query("v");
    const bool addressed = version && *version == geometry_version(*seats->geometry);
    co_return represent(ctx.req(), *seats->geometry,
                        addressed ? std::string_view("public, max-age=31536000, immutable") : cache_public);
}

}  // namespace

void register_venue_routes(router& r, auth::identity& identity, venue_service& venues) {
    r.add(http::verb::get, {"/events/venues", "/api/v1/venues"},
          [&venues](request_context& ctx) { return answering_failures(list_venues_handler(ctx, venues)); });
    r.add(http::verb::post, {"/events/venues", "/api/v1/venues"}, [&identity, &venues](request_context& ctx) {
        return answering_failures(create_venue_handler(ctx, identity, venues));
    });
    r.add(http::verb::get, {"/events/venues/{id}", "/api/v1/venues/{id}"},
          [&venues](request_context& ctx) { return answering_failures(get_venue_handler(ctx, venues)); });
    r.add(http::verb::put, {"/events/venues/{id}", "/api/v1/venues/{id}"},
          [&identity, &venues](request_context& ctx) {
              return answering_failures(update_venue_handler(ctx, identity, venues));
          });
    r.add(http::verb::get, {"/events/venues/{id}/seats", "/api/v1/venues/{id}/seats"},
          [&venues](request_context& ctx) { return answering_failures(venue_seats_handler(ctx, venues)); });
}

}  // namespace proeventa::events
