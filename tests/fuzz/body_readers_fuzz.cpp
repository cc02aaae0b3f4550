// The JSON body readers and query-string readers behind the routes, without a database: the
// first byte picks a route's reader, the rest is its JSON body or its query string. Each reader
// is the one the route calls (parse_json_object, field_reader, the modules' read_* functions and
// the rules that need no stored row), so a body that crashes or 500s here would do so on the
// server.
//
// Properties: bad input fails with an api_error of status 4xx and nothing else; what a reader
// accepts keeps the reader's promises (checked below per reader).
#include "account_rules.hpp"
#include "event_rules.hpp"
#include "event_search.hpp"
#include "event_validation.hpp"
#include "fuzz_support.hpp"
#include "reserve_request.hpp"
#include "venue_validation.hpp"

#include <proeventa/http/json_io.hpp>
#include <proeventa/text.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace proeventa;

namespace {

request make_request(http::verb method, std::string target, std::string_view body) {
    request req{method, target, 11};
    req.set(http::field::host, "proeventa.test");
    req.set(http::field::content_type, "application/json; charset=utf-8");
    req.body() = std::string(body);
    req.prepare_payload();
    return req;
}

void signup(const request_context& ctx) {
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    if (auto email = r.string("email", true, 1, 1024)) {
        const auto normalized = auth::normalize_email(*email);
        if (auto problem = auth::email_problem(normalized)) r.fail("email", *problem);
        else fuzz::require(text::valid_utf8(normalized), "an accepted email is UTF-8");
    }
    if (auto name = r.string("full_name", false, 0, auth::max_full_name_chars); name && !name->empty())
        if (auto problem = auth::full_name_problem(*name)) r.fail("full_name", *problem);
    r.finish();
}

void event_body(const request_context& ctx, bool creating) {
    const auto json_body = parse_json_object(ctx);
    field_reader body(json_body);
    const auto in = events::read_event_input(body, creating);
    if (!creating) {
        body.finish();
        return;
    }
    // The rules a new event meets against a seated venue with two categories.
    auto draft = events::merge_event(in, nullptr, 7);
    const events::venue_facts venue{3, true, 120, {"stalls", "balcony"}};
    events::record(body, events::check_event(draft, in, venue));
    body.finish();
    fuzz::require(!draft.name.empty(), "an accepted new event has a name");
    for (const auto& p : draft.prices)
        fuzz::require(p.price_cents >= 0 && p.price_cents <= events::max_price_cents,
                      "an accepted price is within bounds");
}

void venue_body(const request_context& ctx, bool creating) {
    const auto json_body = parse_json_object(ctx);
    field_reader body(json_body);
    if (creating) {
        const auto in = events::read_venue_create(body);
        body.finish();
        fuzz::require(in.seated ? !in.seats.empty() : in.capacity > 0,
                      "an accepted venue has seats or a capacity");
        fuzz::require(static_cast<std::int64_t>(in.seats.size()) <= events::default_limits.max_seats,
                      "an accepted venue stays within the seat limit");
    } else {
        events::read_venue_update(body);
        body.finish();
    }
}

void reserve_body(const request_context& ctx) {
    const auto req = reservations::parse_reserve_request(parse_json_object(ctx));
    fuzz::require(req.event_id >= 1, "a reserve names an event");
    fuzz::require(std::is_sorted(req.seat_ids.begin(), req.seat_ids.end()) &&
                      std::adjacent_find(req.seat_ids.begin(), req.seat_ids.end()) == req.seat_ids.end(),
                  "seat ids are sorted and distinct");
    if (req.form == reservations::reserve_form::places)
        fuzz::require(req.seat_ids.empty() && req.quantity >= 1 &&
                          req.quantity <= reservations::max_places_per_request,
                      "a general-admission reserve asks for 1..10 places");
    else
        fuzz::require(!req.seat_ids.empty() && req.seat_ids.size() <= reservations::max_seats_per_request &&
                          req.quantity == 0,
                      "a seated reserve names 1..10 seats");
}

void role_body(const request_context& ctx) {
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    auto role = r.one_of("role", true, {"customer", "organizer", "admin"});
    r.finish();
    fuzz::require(role && auth::is_role(*role), "an accepted role is a role");
}

void event_list_query(request_context& ctx) {
    query_reader q(ctx);
    if (auto text = q.string("q", 200)) {
        if (auto search = events::search_text(*text))
            fuzz::require(!search->empty() && text::valid_utf8(*search), "search text is non-empty UTF-8");
    }
    q.timestamp("from");
    q.timestamp("to");
    q.integer("venue_id", 1, INT64_MAX);
    q.integer("organizer_id", 1, INT64_MAX);
    q.one_of("status", {"draft", "published", "cancelled"});
    q.boolean("available");
    q.one_of("sort", {"start_time", "-start_time", "name"});
    const page p = read_page(q);
    q.finish();
    fuzz::require(p.limit >= 1 && p.limit <= 100 && p.offset >= 0, "paging stays within bounds");
}

void reservation_list_query(request_context& ctx) {
    query_reader q(ctx);
    q.one_of("status", {"held", "confirmed", "cancelled", "expired"});
    const page p = read_page(q, 20, 1000);
    q.finish();
    fuzz::require(p.limit >= 1 && p.limit <= 1000 && p.offset >= 0, "paging stays within bounds");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    const int which = data[0] % 10;
    const bool query = which >= 8;
    const auto req = query ? make_request(http::verb::get, "/q?" + std::string(rest), {})
                           : make_request(http::verb::post, "/b", rest);
    request_context ctx(req, "192.0.2.1", "fuzz");
    fuzz::expect_client_error_only([&] {
        switch (which) {
            case 0: signup(ctx); break;
            case 1: event_body(ctx, true); break;
            case 2: event_body(ctx, false); break;
            case 3: venue_body(ctx, true); break;
            case 4: venue_body(ctx, false); break;
            case 5: reserve_body(ctx); break;
            case 6: role_body(ctx); break;
            case 7: parse_json_object(ctx); break;
            case 8: event_list_query(ctx); break;
            default: reservation_list_query(ctx); break;
        }
    });
    return 0;
}
