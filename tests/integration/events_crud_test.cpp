// Events over HTTP against the real server (with the real reservations module wired in):
// create, read, change and cancel; every validation rule; who may do what; seat maps with seat
// states; the rules that depend on reservations.
#include "events_support.hpp"

using namespace proeventa::test;
using namespace proeventa::test::events;

namespace {

events_server& env() { return shared_server("events_crud"); }

std::int64_t seated_venue(events_server& s) { return create_venue(s.c, s.organizer, theatre_body()); }
std::int64_t ga_venue(events_server& s, std::int64_t capacity = 400) {
    return create_venue(s.c, s.organizer, club_body("Club", capacity));
}
std::string event_path(std::int64_t id, const std::string& tail = {}) { return id_path("/events/events", id, tail); }

std::string count_events(events_server& s) { return sql(s.db, "SELECT count(*) FROM events")[0][0]; }

}  // namespace

TEST_CASE("a seated event is created with its prices and availability", "[events][crud]") {
    auto& s = env();
    const auto venue = seated_venue(s);
    const auto e = create_event(s.c, s.organizer, seated_event_body(venue));
    CHECK(e.at("name") == "Swan Lake");
    CHECK(e.at("status") == "published");
    CHECK(e.at("venue_id").as_int64() == venue);
    CHECK(e.at("venue").at("id").as_int64() == venue);
    CHECK(e.at("venue").at("name") == "Lyric Theatre");
    CHECK(e.at("venue").at("timezone") == "Europe/London");
    CHECK(e.at("venue").at("kind") == "seated");
    CHECK(e.at("capacity").as_int64() == 22);  // derived from the seat map
    CHECK(e.at("seats_available").as_int64() == 22);
    CHECK(e.at("places_available").as_int64() == 22);
    CHECK(e.at("currency") == "EUR");
    CHECK(e.at("organizer_id").as_int64() == s.organizer.id);
    CHECK(e.at("sales_start").is_null());
    CHECK(e.at("sales_end").is_null());
    CHECK(e.at("start_time").as_string().back() == 'Z');
    CHECK(e.at("created_at").is_string());
    CHECK(e.at("updated_at").is_string());
    const auto& prices = e.at("prices").as_array();
    REQUIRE(prices.size() == 2);
    CHECK(prices[0].at("category") == "A");
    CHECK(prices[0].at("price_cents").as_int64() == 6500);

    auto got = s.c.get(event_path(e.at("id").as_int64()));
    REQUIRE(got.status == 200);
    CHECK(got.json().as_object() == e);
    CHECK(s.c.get(id_path("/api/v1/events", e.at("id").as_int64())).status == 200);
}

TEST_CASE("a general-admission event has a capacity and one general price", "[events][crud]") {
    auto& s = env();
    const auto venue = ga_venue(s, 400);
    auto e = create_event(s.c, s.organizer, ga_event_body(venue, 250));
    CHECK(e.at("capacity").as_int64() == 250);
    CHECK(e.at("places_available").as_int64() == 250);
    CHECK(e.at("seats_available").is_null());
    CHECK(e.at("venue").at("kind") == "general_admission");
    REQUIRE(e.at("prices").as_array().size() == 1);
    CHECK(e.at("prices").as_array()[0].at("category") == "general");

    // price_cents is shorthand for "the same price everywhere".
    auto body = ga_event_body(venue, 10);
    body.erase("prices");
    body["price_cents"] = 999;
    e = create_event(s.c, s.organizer, body);
    CHECK(e.at("prices").as_array()[0].at("price_cents").as_int64() == 999);

    // As in the original API: published and free unless said otherwise.
    body = ga_event_body(venue, 10);
    body.erase("status");
    body.erase("prices");
    e = create_event(s.c, s.organizer, body);
    CHECK(e.at("status") == "published");
    REQUIRE(e.at("prices").as_array().size() == 1);
    CHECK(e.at("prices").as_array()[0].at("price_cents").as_int64() == 0);
}

TEST_CASE("only organizers and admins create events", "[events][crud][permissions]") {
    auto& s = env();
    const auto venue = ga_venue(s);
    const auto before = count_events(s);
    check_error(s.c.post("/events/events", ga_event_body(venue)), 401, "unauthorized");
    check_error(s.c.post("/events/events", ga_event_body(venue), s.customer.token), 403, "forbidden");
    CHECK(count_events(s) == before);
    CHECK(create_event(s.c, s.admin, ga_event_body(venue)).at("organizer_id").as_int64() == s.admin.id);
}

TEST_CASE("event validation names the field and stores nothing", "[events][crud][validation]") {
    auto& s = env();
    const auto seated = seated_venue(s);
    const auto club = ga_venue(s, 400);
    const auto before = count_events(s);
    const auto post = [&](const json::object& body) { return s.c.post("/events/events", body, s.organizer.token); };

    auto body = seated_event_body(seated);
    body.erase("name");
    check_invalid(post(body), "name");

    body = seated_event_body(seated);
    body["name"] = std::string(201, 'x');
    check_invalid(post(body), "name");

    body = seated_event_body(seated);
    body["end_time"] = body["start_time"];
    check_invalid(post(body), "end_time");

    body = seated_event_body(seated);
    body["start_time"] = "next friday";
    check_invalid(post(body), "start_time");

    body = seated_event_body(987654321);
    check_invalid(post(body), "venue_id");

    body = seated_event_body(seated);
    body["venue_id"] = "one";
    check_invalid(post(body), "venue_id");

    body = seated_event_body(seated);
    body["status"] = "cancelled";
    check_invalid(post(body), "status");

    body = seated_event_body(seated);
    body["status"] = "sold";
    check_invalid(post(body), "status");

    body = seated_event_body(seated);
    body["currency"] = "EURO";
    check_invalid(post(body), "currency");

    body = seated_event_body(seated);
    body["prices"] = json::array{{{"category", "A"}, {"price_cents", 6500}}};
    check_invalid(post(body), "prices");  // B has no price

    body = seated_event_body(seated);
    body["prices"].as_array().push_back({{"category", "Z"}, {"price_cents", 1}});
    check_invalid(post(body), "prices[2].category");

    body = seated_event_body(seated);
    body["prices"].as_array()[0].as_object()["price_cents"] = -5;
    check_invalid(post(body), "prices[0].price_cents");

    body = seated_event_body(seated);
    body["capacity"] = 5;  // a seated event's capacity is its seat count
    check_invalid(post(body), "capacity");

    body = ga_event_body(club);
    body.erase("capacity");
    check_invalid(post(body), "capacity");

    body = ga_event_body(club, 401);
    check_invalid(post(body), "capacity");

    body = ga_event_body(club);
    body["prices"] = json::array{{{"category", "A"}, {"price_cents", 100}}};
    check_invalid(post(body), "prices[0].category");

    body = seated_event_body(seated);
    body["sales_start"] = days_from_now(5);
    body["sales_end"] = days_from_now(4);
    check_invalid(post(body), "sales_end");

    // Several problems are reported together.
    body = seated_event_body(seated);
    body.erase("name");
    body["currency"] = "12";
    auto res = post(body);
    check_invalid(res, "name");
    CHECK(res.json().at("details").as_object().contains("currency"));

    CHECK(count_events(s) == before);
}

TEST_CASE("drafts are seen only by their organizer and admins", "[events][crud][permissions]") {
    auto& s = env();
    auto body = ga_event_body(ga_venue(s));
    body["status"] = "draft";
    const auto id = create_event(s.c, s.organizer, body).at("id").as_int64();
    CHECK(s.c.get(event_path(id), s.organizer.token).status == 200);
    CHECK(s.c.get(event_path(id), s.admin.token).status == 200);
    check_error(s.c.get(event_path(id)), 404, "not_found");
    check_error(s.c.get(event_path(id), s.customer.token), 404, "not_found");
    check_error(s.c.get(event_path(id), s.other_organizer.token), 404, "not_found");
    check_error(s.c.get(event_path(id, "/seats")), 404, "not_found");
    check_error(s.c.put(event_path(id), {{"name", "Taken over"}}, s.other_organizer.token), 404, "not_found");
    check_error(s.c.get("/events/events/987654321"), 404, "not_found");
}

TEST_CASE("an event is changed by its organizer or an admin only", "[events][crud][permissions]") {
    auto& s = env();
    const auto venue = seated_venue(s);
    const auto id = create_event(s.c, s.organizer, seated_event_body(venue)).at("id").as_int64();

    check_error(s.c.put(event_path(id), {{"name", "Mine"}}), 401, "unauthorized");
    check_error(s.c.put(event_path(id), {{"name", "Mine"}}, s.customer.token), 403, "forbidden");
    check_error(s.c.put(event_path(id), {{"name", "Mine"}}, s.other_organizer.token), 403, "forbidden");
    check_error(s.c.del(event_path(id), s.other_organizer.token), 403, "forbidden");
    check_error(s.c.del(event_path(id), s.customer.token), 403, "forbidden");

    auto res = s.c.put(event_path(id), {{"name", "Swan Lake (matinee)"}, {"description", "Afternoon"}}, s.organizer.token);
    INFO(res.body);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("name") == "Swan Lake (matinee)");
    CHECK(res.json().at("description") == "Afternoon");
    CHECK(res.json().at("prices").as_array().size() == 2);  // untouched fields stay

    res = s.c.put(id_path("/api/v1/events", id), {{"prices", json::array{{{"category", "A"}, {"price_cents", 100}},
                                                                         {{"category", "B"}, {"price_cents", 50}}}}},
                  s.admin.token);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("prices").as_array()[1].at("price_cents").as_int64() == 50);
    CHECK(res.json().at("name") == "Swan Lake (matinee)");
}

TEST_CASE("updates are validated against the stored event", "[events][crud][validation]") {
    auto& s = env();
    const auto club = ga_venue(s, 300);
    const auto seated = seated_venue(s);
    const auto e = create_event(s.c, s.organizer, ga_event_body(club, 100));
    const auto id = e.at("id").as_int64();
    const auto put = [&](const json::object& body) { return s.c.put(event_path(id), body, s.organizer.token); };

    check_invalid(put({{"end_time", days_from_now(1)}}), "end_time");  // before the stored start
    check_invalid(put({{"capacity", 301}}), "capacity");
    check_invalid(put({{"venue_id", 987654321}}), "venue_id");
    check_invalid(put({{"venue_id", seated}}), "prices");  // the theatre's categories have no price
    check_invalid(put({{"status", "cancelled"}}), "status");
    check_invalid(put({{"name", ""}}), "name");
    check_invalid(put({{"sales_start", days_from_now(30)}}), "sales_start");  // after the event ends
    CHECK(s.c.get(event_path(id)).json().as_object() == e);

    // A valid venue change with prices for the new seat map; capacity follows the seats.
    auto res = put({{"venue_id", seated},
                    {"prices", json::array{{{"category", "A"}, {"price_cents", 1}}, {{"category", "B"}, {"price_cents", 2}}}}});
    INFO(res.body);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("capacity").as_int64() == 22);
    CHECK(res.json().at("venue").at("kind") == "seated");

    // Sales window set, then cleared with null.
    res = put({{"sales_start", days_from_now(1)}, {"sales_end", days_from_now(5)}});
    REQUIRE(res.status == 200);
    CHECK(res.json().at("sales_start").is_string());
    res = put({{"sales_start", nullptr}});
    REQUIRE(res.status == 200);
    CHECK(res.json().at("sales_start").is_null());
    CHECK(res.json().at("sales_end").is_string());
}

TEST_CASE("the seat map shows every seat with its price and state", "[events][seats]") {
    auto& s = env();
    const auto venue = seated_venue(s);
    const auto id = create_event(s.c, s.organizer, seated_event_body(venue)).at("id").as_int64();

    auto res = s.c.get(event_path(id, "/seats"));
    REQUIRE(res.status == 200);
    auto map = res.json().as_object();
    CHECK(map.at("event_id").as_int64() == id);
    CHECK(map.at("venue_id").as_int64() == venue);
    auto seats = map.at("seats").as_array();
    REQUIRE(seats.size() == 22);
    for (const auto& seat : seats) {
        CHECK(seat.at("state") == "available");
        CHECK(seat.at("price_cents").as_int64() == (seat.at("category") == "A" ? 6500 : 4500));
    }
    const auto first_seat = seats[0].at("id").as_int64();
    const auto second_seat = seats[1].at("id").as_int64();

    // A hold and a confirmed reservation, through the reservations module.
    auto held = s.c.post("/reservations/reservations/reserve",
                         {{"event_id", id}, {"seat_id", first_seat}, {"hold", true}}, s.customer.token);
    INFO(held.body);
    REQUIRE(held.status == 201);
    auto bought = s.c.post("/reservations/reservations/reserve", {{"event_id", id}, {"seat_id", second_seat}},
                           s.customer.token);
    INFO(bought.body);
    REQUIRE(bought.status == 201);
    if (bought.json().at("status") == "held") {
        const auto rid = bought.json().at("id").as_int64();
        REQUIRE(s.c.post(id_path("/reservations/reservations", rid, "/confirm"), json::object{}, s.customer.token).status == 200);
    }

    seats = s.c.get(id_path("/api/v1/events", id, "/seats")).json().at("seats").as_array();
    CHECK(seats[0].at("state") == "held");
    CHECK(seats[1].at("state") == "reserved");
    CHECK(seats[2].at("state") == "available");

    const auto e = s.c.get(event_path(id)).json();
    CHECK(e.at("seats_available").as_int64() == 20);
    CHECK(e.at("places_available").as_int64() == 20);

    // A general-admission event has no seats to draw.
    const auto ga = create_event(s.c, s.organizer, ga_event_body(ga_venue(s))).at("id").as_int64();
    res = s.c.get(event_path(ga, "/seats"));
    REQUIRE(res.status == 200);
    CHECK(res.json().at("seats").as_array().empty());
}

TEST_CASE("capacity and venue are guarded by what is reserved", "[events][crud][reservations]") {
    auto& s = env();
    const auto club = ga_venue(s, 400);
    const auto other_club = ga_venue(s, 400);
    const auto id = create_event(s.c, s.organizer, ga_event_body(club, 10)).at("id").as_int64();
    auto res = s.c.post("/reservations/reservations/reserve", {{"event_id", id}, {"quantity", 4}}, s.customer.token);
    INFO(res.body);
    REQUIRE(res.status == 201);
    CHECK(s.c.get(event_path(id)).json().at("places_available").as_int64() == 6);

    res = s.c.put(event_path(id), {{"capacity", 3}}, s.organizer.token);
    check_error(res, 409, "capacity_below_reserved");
    CHECK(res.json().at("details").as_object().contains("capacity"));
    res = s.c.put(event_path(id), {{"venue_id", other_club}}, s.organizer.token);
    check_error(res, 409, "has_reservations");
    CHECK(res.json().at("details").as_object().contains("venue_id"));
    check_error(s.c.put(event_path(id), {{"status", "draft"}}, s.organizer.token), 409, "has_reservations");
    CHECK(s.c.get(event_path(id)).json().at("capacity").as_int64() == 10);

    // Down to exactly what is reserved is allowed, and the event is then full.
    res = s.c.put(event_path(id), {{"capacity", 4}}, s.organizer.token);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("places_available").as_int64() == 0);
    check_error(s.c.post("/reservations/reservations/reserve", {{"event_id", id}, {"quantity", 1}}, s.customer.token),
                409, "sold_out");
    CHECK(sql(s.db, "SELECT sold_out FROM events WHERE id = " + std::to_string(id))[0][0] == "t");

    // Growing it again makes room.
    res = s.c.put(event_path(id), {{"capacity", 6}}, s.organizer.token);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("places_available").as_int64() == 2);
    CHECK(sql(s.db, "SELECT sold_out FROM events WHERE id = " + std::to_string(id))[0][0] == "f");
    CHECK(s.c.post("/reservations/reservations/reserve", {{"event_id", id}, {"quantity", 2}}, s.customer.token).status == 201);
}

TEST_CASE("cancelling an event cancels its reservations in the same step", "[events][crud][reservations]") {
    auto& s = env();
    const auto id = create_event(s.c, s.organizer, ga_event_body(ga_venue(s), 50)).at("id").as_int64();
    for (int i = 0; i < 2; ++i)
        REQUIRE(s.c.post("/reservations/reservations/reserve", {{"event_id", id}, {"quantity", 2}}, s.customer.token).status == 201);

    auto res = s.c.del(event_path(id), s.organizer.token);
    INFO(res.body);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("status") == "cancelled");
    CHECK(res.json().at("reservations_cancelled").as_int64() == 2);
    CHECK(res.json().at("places_available").as_int64() == 0);
    CHECK(sql(s.db, "SELECT status FROM events WHERE id = " + std::to_string(id))[0][0] == "cancelled");

    check_error(s.c.del(event_path(id), s.organizer.token), 409, "already_cancelled");
    check_error(s.c.put(event_path(id), {{"name", "Back on"}}, s.organizer.token), 409, "event_cancelled");
    check_error(s.c.post("/reservations/reservations/reserve", {{"event_id", id}, {"quantity", 1}}, s.customer.token),
                409, "event_cancelled");
    // Still readable, so ticket holders can see what happened.
    CHECK(s.c.get(event_path(id)).json().at("status") == "cancelled");

    // An admin may cancel anyone's event; both layouts.
    const auto other = create_event(s.c, s.organizer, ga_event_body(ga_venue(s))).at("id").as_int64();
    res = s.c.del(id_path("/api/v1/events", other), s.admin.token);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("reservations_cancelled").as_int64() == 0);
    check_error(s.c.del("/events/events/987654321", s.admin.token), 404, "not_found");
}

TEST_CASE("what reservations learns through the catalog", "[events][catalog]") {
    auto& s = env();
    const auto club = ga_venue(s);

    auto body = ga_event_body(club, 10);
    body["status"] = "draft";
    const auto draft = create_event(s.c, s.organizer, body).at("id").as_int64();
    // Someone else's draft does not exist as far as a customer can tell; its organizer learns why
    // it cannot be reserved.
    auto refused = s.c.post("/reservations/reservations/reserve", {{"event_id", draft}, {"quantity", 1}}, s.customer.token);
    check_error(refused, 404, "not_found");
    refused = s.c.post("/reservations/reservations/reserve", {{"event_id", draft}, {"quantity", 1}}, s.organizer.token);
    check_error(refused, 409, "not_on_sale");
    CHECK(refused.json().at("error") == "event is not published");

    body = ga_event_body(club, 10);
    body["sales_start"] = days_from_now(3);
    auto later = create_event(s.c, s.organizer, body).at("id").as_int64();
    refused = s.c.post("/reservations/reservations/reserve", {{"event_id", later}, {"quantity", 1}}, s.customer.token);
    check_error(refused, 409, "not_on_sale");
    CHECK(refused.json().at("error").as_string().starts_with("sales open at"));

    body = ga_event_body(club, 10);
    body["start_time"] = days_from_now(-2);
    body["end_time"] = days_from_now(-1);
    auto past = create_event(s.c, s.organizer, body).at("id").as_int64();
    refused = s.c.post("/reservations/reservations/reserve", {{"event_id", past}, {"quantity", 1}}, s.customer.token);
    check_error(refused, 409, "not_on_sale");
    CHECK(refused.json().at("error") == "event has already started");

    // A seat of another venue is not one of this event's seats.
    const auto theatre_event = create_event(s.c, s.organizer, seated_event_body(seated_venue(s))).at("id").as_int64();
    const auto other_theatre = create_event(s.c, s.organizer, seated_event_body(seated_venue(s))).at("id").as_int64();
    const auto foreign_seat = s.c.get(event_path(other_theatre, "/seats")).json().at("seats").as_array()[0].at("id").as_int64();
    const auto res = s.c.post("/reservations/reservations/reserve", {{"event_id", theatre_event}, {"seat_id", foreign_seat}},
                              s.customer.token);
    CHECK((res.status == 400 || res.status == 404));
}
