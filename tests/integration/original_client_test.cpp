// A client written for the original system, through the gateway layout: it sends only the
// original shapes (no full_name, no timezone, no prices, no status; seat ids read from the seat
// list) and reads the original answers. Nothing in it knows ProEventa's richer fields.
#include "events_support.hpp"
#include "reservations_support.hpp"

using namespace proeventa::test;
using proeventa::test::events::check_error;
using proeventa::test::events::check_invalid;
using proeventa::test::events::days_from_now;
namespace json = boost::json;

namespace {

struct original_client {
    client& c;
    std::string token;

    /// The original sign-up: email and password only.
    std::int64_t sign_up(const std::string& email, const std::string& password) {
        auto res = c.post("/auth/signup", {{"email", email}, {"password", password}});
        INFO(res.body);
        REQUIRE(res.status == 201);
        CHECK(res.json().at("email").as_string() == email);
        return res.json().at("id").as_int64();
    }
    void log_in(const std::string& email, const std::string& password) {
        auto res = c.post("/auth/login", {{"email", email}, {"password", password}});
        INFO(res.body);
        REQUIRE(res.status == 200);
        CHECK(res.json().at("token_type") == "bearer");
        token = std::string(res.json().at("access_token").as_string());
    }
    json::object created(const std::string& path, const json::object& body) {
        auto res = c.post(path, body, token);
        INFO(path << " " << res.body);
        REQUIRE(res.status == 201);
        return res.json().as_object();
    }
};

json::object event_body(std::int64_t venue_id, const std::string& name, int day) {
    return {{"name", name},
            {"description", "Brought by a client of the original API"},
            {"start_time", days_from_now(day, 19)},
            {"end_time", days_from_now(day, 22)},
            {"venue_id", venue_id}};
}

}  // namespace

TEST_CASE("a client of the original API works unchanged", "[compat]") {
    const auto db = fresh_database("original_client");
    server_process server({db, {"--signups-per-hour", "1000"}});
    client c(server.port());

    original_client organizer{c, {}};
    const auto organizer_id = organizer.sign_up("original-organizer@example.com", "an organizer's passphrase");
    sql(db, "UPDATE users SET role = 'organizer' WHERE id = " + std::to_string(organizer_id));
    organizer.log_in("original-organizer@example.com", "an organizer's passphrase");

    original_client buyer{c, {}};
    const auto buyer_id = buyer.sign_up("original-buyer@example.com", "a buyer's passphrase");
    buyer.log_in("original-buyer@example.com", "a buyer's passphrase");

    // The simplest seated hall: rows x seats_per_row, no time zone, capacity restated.
    auto hall = organizer.created("/events/venues", {{"name", "Original Hall"},
                                                     {"address", "1 Legacy Road"},
                                                     {"rows", 3},
                                                     {"seats_per_row", 4},
                                                     {"capacity", 12}});
    CHECK(hall.at("timezone") == "UTC");
    CHECK(hall.at("capacity").as_int64() == 12);
    const auto hall_id = hall.at("id").as_int64();

    // The original event body, capacity included; no prices, no status.
    auto body = event_body(hall_id, "Original Concert", 20);
    body["capacity"] = 12;
    auto concert = organizer.created("/events/events", body);
    CHECK(concert.at("status") == "published");
    CHECK(concert.at("capacity").as_int64() == 12);
    for (const auto& p : concert.at("prices").as_array()) CHECK(p.at("price_cents").as_int64() == 0);
    const auto concert_id = concert.at("id").as_int64();

    // It is listed at once.
    auto list = c.get("/events/events");
    REQUIRE(list.status == 200);
    bool listed = false;
    const auto listed_events = list.json();
    for (const auto& e : listed_events.as_array()) listed = listed || e.at("id").as_int64() == concert_id;
    CHECK(listed);

    // Seat ids come from the seat list; the reserve is {event_id, seat_id} and answers the
    // reservation itself.
    auto seats = c.get("/events/events/" + std::to_string(concert_id) + "/seats");
    REQUIRE(seats.status == 200);
    const auto seat_list = seats.json().at("seats").as_array();
    REQUIRE(seat_list.size() == 12);
    const auto seat = seat_list[4].at("id").as_int64();
    auto reserved = c.post("/reservations/reservations/reserve", {{"event_id", concert_id}, {"seat_id", seat}},
                           buyer.token);
    INFO(reserved.body);
    REQUIRE(reserved.status == 201);
    const auto reservation = reserved.json().as_object();
    CHECK_FALSE(reservation.contains("reservations"));
    CHECK(reservation.at("id").is_int64());
    CHECK(reservation.at("event_id").as_int64() == concert_id);
    CHECK(reservation.at("seat_id").as_int64() == seat);
    CHECK(reservation.at("status") == "confirmed");

    // The reservation reads back by the id the client got, and in the buyer's list.
    const auto id = reservation.at("id").as_int64();
    auto mine = c.get("/reservations/reservations/user/" + std::to_string(buyer_id), buyer.token);
    REQUIRE(mine.status == 200);
    REQUIRE(mine.json().as_array().size() == 1);
    CHECK(mine.json().at(0).at("id").as_int64() == id);
    auto again = c.get("/reservations/reservations/" + std::to_string(id), buyer.token);
    REQUIRE(again.status == 200);
    CHECK(again.json().at("seat_id").as_int64() == seat);
    CHECK(c.del("/reservations/reservations/" + std::to_string(id), buyer.token).status == 200);
}

TEST_CASE("original shapes: what stays refused, and the other reserve forms", "[compat]") {
    auto& s = events::shared_server("original_shapes");
    auto& c = s.c;

    SECTION("sign-up without full_name") {
        auto res = c.post("/auth/signup", {{"email", "no-name@example.com"}, {"password", "a long enough secret"}});
        INFO(res.body);
        CHECK(res.status == 201);
    }
    SECTION("a capacity that is not rows x seats_per_row is refused, and nothing is stored") {
        const auto before = scalar(s.db, "SELECT count(*) FROM venues");
        check_invalid(c.post("/events/venues", {{"name", "Wrong Hall"}, {"address", "2 Legacy Road"}, {"rows", 3},
                                                {"seats_per_row", 4}, {"capacity", 13}},
                             s.organizer.token),
                      "capacity");
        check_invalid(c.post("/events/venues", {{"name", "Half Hall"}, {"address", "2 Legacy Road"}, {"rows", 3}},
                             s.organizer.token),
                      "seats_per_row");
        check_invalid(c.post("/events/venues", {{"name", "Bad Zone"}, {"address", "2 Legacy Road"},
                                                {"capacity", 10}, {"timezone", "Not a zone!"}},
                             s.organizer.token),
                      "timezone");
        CHECK(scalar(s.db, "SELECT count(*) FROM venues") == before);
    }
    SECTION("a category names the shorthand's seats") {
        auto res = c.post("/events/venues", {{"name", "Category Hall"}, {"address", "3 Legacy Road"}, {"rows", 2},
                                             {"seats_per_row", 2}, {"category", "balcony"}},
                          s.organizer.token);
        INFO(res.body);
        REQUIRE(res.status == 201);
        CHECK(res.json().at("categories").at(0).at("name") == "balcony");
    }
    SECTION("a seated event's capacity must still be its seat count; omitted, it is derived") {
        const auto hall = events::create_venue(c, s.organizer,
                                               {{"name", "Derived Hall"}, {"address", "4 Legacy Road"},
                                                {"rows", 2}, {"seats_per_row", 5}});
        auto body = event_body(hall, "Wrong Capacity", 21);
        body["capacity"] = 11;
        check_invalid(c.post("/events/events", body, s.organizer.token), "capacity");
        body.erase("capacity");
        CHECK(events::create_event(c, s.organizer, body).at("capacity").as_int64() == 10);
    }
    SECTION("a draft is only a draft when asked for") {
        const auto club = events::create_venue(c, s.organizer, events::club_body("Draft Club", 50));
        auto body = event_body(club, "Saved Draft", 22);
        body["capacity"] = 50;
        body["status"] = "draft";
        CHECK(events::create_event(c, s.organizer, body).at("status") == "draft");
    }
    SECTION("quantity answers the reservation; seat_ids answers the list; replays keep the shape") {
        const auto club = events::create_venue(c, s.organizer, events::club_body("Quantity Club", 50));
        auto body = event_body(club, "Standing Night", 23);
        body["capacity"] = 50;
        const auto ga = events::create_event(c, s.organizer, body).at("id").as_int64();
        auto places = c.post("/reservations/reservations/reserve", {{"event_id", ga}, {"quantity", 2}},
                             s.customer.token);
        INFO(places.body);
        REQUIRE(places.status == 201);
        CHECK(places.json().at("quantity").as_int64() == 2);
        CHECK(places.json().at("id").is_int64());

        const auto hall = events::create_venue(c, s.organizer,
                                               {{"name", "List Hall"}, {"address", "5 Legacy Road"},
                                                {"rows", 1}, {"seats_per_row", 4}});
        const auto seated = events::create_event(c, s.organizer, event_body(hall, "List Night", 24)).at("id").as_int64();
        const auto seats = c.get("/events/events/" + std::to_string(seated) + "/seats").json().at("seats").as_array();
        auto keyed = [&](const json::object& reserve, const std::string& key) {
            return c.request("POST", "/reservations/reservations/reserve", json::serialize(reserve),
                             {{"Authorization", "Bearer " + s.customer.token},
                              {"Content-Type", "application/json"},
                              {"Idempotency-Key", key}});
        };
        const json::object list_form{{"event_id", seated},
                                     {"seat_ids", json::array{seats[0].at("id"), seats[1].at("id")}}};
        auto listed = keyed(list_form, "list-key");
        INFO(listed.body);
        REQUIRE(listed.status == 201);
        CHECK(listed.json().at("reservations").as_array().size() == 2);
        auto replay = keyed(list_form, "list-key");
        CHECK(replay.status == 201);
        CHECK(replay.body == listed.body);

        const json::object one_form{{"event_id", seated}, {"seat_id", seats[2].at("id")}};
        auto one = keyed(one_form, "one-key");
        INFO(one.body);
        REQUIRE(one.status == 201);
        CHECK(one.json().at("seat_id") == seats[2].at("id"));
        auto one_replay = keyed(one_form, "one-key");
        CHECK(one_replay.status == 201);
        CHECK(one_replay.body == one.body);
    }
}
