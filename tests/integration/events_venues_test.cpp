// Venues over HTTP against the real server: creation from a layout, an explicit seat list or a
// capacity; every validation rule; who may create and edit; both URL layouts.
#include "events_support.hpp"

using namespace proeventa::test;
using namespace proeventa::test::events;

namespace {
events_server& env() { return shared_server("events_venues"); }
}  // namespace

TEST_CASE("a venue created from a layout has generated, labelled seats", "[events][venues]") {
    auto& s = env();
    auto res = s.c.post("/events/venues", theatre_body("Layout Hall"), s.organizer.token);
    INFO(res.body);
    REQUIRE(res.status == 201);
    const auto venue = res.json().as_object();
    CHECK(venue.at("name") == "Layout Hall");
    CHECK(venue.at("timezone") == "Europe/London");
    CHECK(venue.at("kind") == "seated");
    CHECK(venue.at("capacity").as_int64() == 22);
    CHECK(venue.at("created_by").as_int64() == s.organizer.id);
    const auto& cats = venue.at("categories").as_array();
    REQUIRE(cats.size() == 2);
    CHECK(cats[0].at("name") == "A");
    CHECK(cats[0].at("color").as_string().size() == 7);
    const std::int64_t id = venue.at("id").as_int64();

    auto seats = s.c.get(id_path("/events/venues", id, "/seats"));
    REQUIRE(seats.status == 200);
    const auto list = seats.json().as_array();
    REQUIRE(list.size() == 22);
    const auto& first = list[0].as_object();
    CHECK(first.at("section") == "Stalls");
    CHECK(first.at("row") == "A");
    CHECK(first.at("number").as_int64() == 1);
    CHECK(first.at("label") == "Stalls, row A, seat 1");
    CHECK(first.at("category") == "A");
    CHECK(first.at("x").is_number());
    CHECK(first.at("y").is_number());
    const auto& last = list[21].as_object();
    CHECK(last.at("label") == "Circle, row B, seat 5");
    CHECK(last.at("category") == "B");

    // One statement inserted them all, in reading order.
    auto rows = sql(s.db, "SELECT count(*), min(id) < max(id) FROM seats WHERE venue_id = " + std::to_string(id));
    CHECK(rows[0][0] == "22");
}

TEST_CASE("a venue may list its seats explicitly", "[events][venues]") {
    auto& s = env();
    json::array seats;
    for (int n = 1; n <= 3; ++n)
        seats.push_back({{"section", "Box"}, {"row", "1"}, {"number", n}, {"category", "VIP"},
                         {"x", 0.5 * n}, {"y", 0}});
    json::object body{{"name", "Odd Shape"}, {"address", "Somewhere 1"}, {"timezone", "europe/paris"},
                      {"seats", seats}, {"categories", json::array{{{"name", "VIP"}, {"color", "#AA00BB"}}}}};
    auto res = s.c.post("/events/venues", body, s.organizer.token);
    INFO(res.body);
    REQUIRE(res.status == 201);
    const auto venue = res.json().as_object();
    CHECK(venue.at("timezone") == "Europe/Paris");  // the canonical spelling is stored
    CHECK(venue.at("capacity").as_int64() == 3);
    CHECK(venue.at("categories").as_array()[0].at("color") == "#aa00bb");
    auto list = s.c.get(id_path("/api/v1/venues", venue.at("id").as_int64(), "/seats")).json().as_array();
    REQUIRE(list.size() == 3);
    CHECK(list[1].at("label") == "Box, row 1, seat 2");
    CHECK(list[0].at("x").as_double() == 0.5);
}

TEST_CASE("a general-admission venue has a capacity and no seats", "[events][venues]") {
    auto& s = env();
    auto res = s.c.post("/api/v1/venues", club_body("GA Club", 350), s.admin.token);
    REQUIRE(res.status == 201);
    const auto venue = res.json().as_object();
    CHECK(venue.at("kind") == "general_admission");
    CHECK(venue.at("capacity").as_int64() == 350);
    CHECK(venue.at("categories").as_array().empty());
    auto seats = s.c.get(id_path("/events/venues", venue.at("id").as_int64(), "/seats"));
    REQUIRE(seats.status == 200);
    CHECK(seats.json().as_array().empty());
}

TEST_CASE("only organizers and admins create venues", "[events][venues][permissions]") {
    auto& s = env();
    check_error(s.c.post("/events/venues", club_body(), ""), 401, "unauthorized");
    check_error(s.c.post("/events/venues", club_body(), s.customer.token), 403, "forbidden");
    CHECK(sql(s.db, "SELECT count(*) FROM venues WHERE name = 'The Cellar Club'")[0][0] == "0");
}

TEST_CASE("venue validation names each field and stores nothing", "[events][venues][validation]") {
    auto& s = env();
    const auto before = sql(s.db, "SELECT count(*) FROM venues")[0][0];
    const auto post = [&](const json::object& body) { return s.c.post("/events/venues", body, s.organizer.token); };

    auto body = club_body();
    body.erase("name");
    check_invalid(post(body), "name");

    body = club_body();
    body["address"] = "";
    check_invalid(post(body), "address");

    body = club_body();
    body["timezone"] = "Mars/Olympus_Mons";
    check_invalid(post(body), "timezone");

    body = club_body();
    body["timezone"] = "../../etc/passwd";
    check_invalid(post(body), "timezone");

    body = club_body();
    body.erase("capacity");
    check_invalid(post(body), "capacity");  // neither capacity nor a seat map

    body = club_body();
    body["capacity"] = 0;
    check_invalid(post(body), "capacity");

    body = theatre_body();
    body["capacity"] = 100;  // both a capacity and a seat map
    CHECK(post(body).status == 400);

    body = theatre_body();
    body["layout"].as_object()["sections"].as_array()[1].as_object()["rows"] = 0;
    check_invalid(post(body), "layout.sections[1].rows");

    body = theatre_body();
    body["layout"].as_object()["sections"].as_array()[0].as_object().erase("category");
    check_invalid(post(body), "layout.sections[0].category");

    // Bounds: at most 20 000 seats and 50 sections per venue.
    body = theatre_body();
    body["layout"] = {{"sections", json::array{json::object{{"name", "Arena"}, {"rows", 100}, {"seats_per_row", 200}, {"category", "A"}},
                                               json::object{{"name", "Extra"}, {"rows", 1}, {"seats_per_row", 1}, {"category", "A"}}}}};
    check_invalid(post(body), "layout");
    json::array many;
    for (int i = 0; i < 51; ++i)
        many.push_back({{"name", "S" + std::to_string(i)}, {"rows", 1}, {"seats_per_row", 1}, {"category", "A"}});
    body["layout"] = {{"sections", many}};
    check_invalid(post(body), "layout.sections");

    body = theatre_body();
    body.erase("layout");
    body["seats"] = json::array{{{"section", "Box"}, {"row", "1"}, {"number", 1}, {"category", "A"}, {"x", 0}, {"y", 0}},
                                {{"section", "Box"}, {"row", "1"}, {"number", 1}, {"category", "A"}, {"x", 1}, {"y", 0}}};
    check_invalid(post(body), "seats[1]");

    body["seats"] = json::array{{{"section", "Box"}, {"row", "1"}, {"number", "one"}, {"category", "A"}}};
    check_invalid(post(body), "seats[0].number");

    CHECK(sql(s.db, "SELECT count(*) FROM venues")[0][0] == before);
}

TEST_CASE("a 20 000-seat venue is accepted and read back", "[events][venues][limits]") {
    auto& s = env();
    auto body = theatre_body("Arena");
    body["layout"] = {{"sections", json::array{json::object{{"name", "Floor"}, {"rows", 100}, {"seats_per_row", 200}, {"category", "A"}}}}};
    const auto id = create_venue(s.c, s.organizer, body);
    auto venue = s.c.get(id_path("/events/venues", id)).json();
    CHECK(venue.at("capacity").as_int64() == 20000);
    auto seats = s.c.get(id_path("/events/venues", id, "/seats"));
    REQUIRE(seats.status == 200);
    const auto list = seats.json().as_array();
    REQUIRE(list.size() == 20000);
    CHECK(list[19999].at("label") == "Floor, row CV, seat 200");
}

TEST_CASE("venues are listed with paging", "[events][venues][list]") {
    auto& s = env();
    for (int i = 0; i < 3; ++i) create_venue(s.c, s.admin, club_body("Paged Venue " + std::to_string(i)));
    const auto total = std::stoll(sql(s.db, "SELECT count(*) FROM venues")[0][0]);
    auto res = s.c.get("/events/venues?limit=2&offset=1");
    REQUIRE(res.status == 200);
    CHECK(res.header("X-Total-Count") == std::to_string(total));
    CHECK(res.json().as_array().size() == 2);
    check_invalid(s.c.get("/events/venues?limit=101"), "limit");
    check_invalid(s.c.get("/events/venues?offset=-1"), "offset");
}

TEST_CASE("venues are read by anyone; unknown ids are 404", "[events][venues]") {
    auto& s = env();
    const auto id = create_venue(s.c, s.organizer, club_body("Readable"));
    CHECK(s.c.get(id_path("/events/venues", id)).status == 200);
    CHECK(s.c.get(id_path("/api/v1/venues", id)).status == 200);
    check_error(s.c.get("/events/venues/987654321"), 404, "not_found");
    check_error(s.c.get("/events/venues/987654321/seats"), 404, "not_found");
    CHECK(s.c.get("/events/venues/abc").status == 404);
}

TEST_CASE("a venue's creator or an admin edits name, address and time zone", "[events][venues][permissions]") {
    auto& s = env();
    const auto id = create_venue(s.c, s.organizer, theatre_body("Editable"));
    const auto path = id_path("/events/venues", id);

    auto res = s.c.put(path, {{"name", "Renamed"}, {"timezone", "America/New_York"}}, s.organizer.token);
    INFO(res.body);
    REQUIRE(res.status == 200);
    CHECK(res.json().at("name") == "Renamed");
    CHECK(res.json().at("timezone") == "America/New_York");
    CHECK(res.json().at("address") == "14 Quay Street, Manchester");

    CHECK(s.c.put(path, {{"address", "New Street 2"}}, s.admin.token).status == 200);
    check_error(s.c.put(path, {{"name", "Mine now"}}, s.other_organizer.token), 403, "forbidden");
    check_error(s.c.put(path, {{"name", "Mine now"}}, s.customer.token), 403, "forbidden");
    check_error(s.c.put(path, {{"name", "Mine now"}}), 401, "unauthorized");
    check_invalid(s.c.put(path, {{"timezone", "Nowhere/Land"}}, s.organizer.token), "timezone");
    check_invalid(s.c.put(path, {{"capacity", 10}}, s.organizer.token), "capacity");
    check_invalid(s.c.put(path, {{"name", ""}}, s.organizer.token), "name");
    check_error(s.c.put("/events/venues/987654321", {{"name", "x"}}, s.admin.token), 404, "not_found");
    CHECK(s.c.get(path).json().at("name") == "Renamed");
}

TEST_CASE("a venue body must be JSON", "[events][venues]") {
    auto& s = env();
    auto res = s.c.request("POST", "/events/venues", "name=x",
                           {{"Content-Type", "application/x-www-form-urlencoded"},
                            {"Authorization", "Bearer " + s.organizer.token}});
    check_error(res, 415, "unsupported_media_type");
    res = s.c.request("POST", "/events/venues", "{not json",
                      {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + s.organizer.token}});
    check_error(res, 400, "invalid_json");
}
