// `--demo` loads two venues and a dozen published events owned by the demo organizer, and a
// second start with `--demo` adds nothing.
#include "events_support.hpp"

using namespace proeventa::test;
using namespace proeventa::test::events;

namespace {

std::string count(const std::string& db, const std::string& query) { return sql(db, query)[0][0]; }

}  // namespace

TEST_CASE("demo data: a seated theatre, a club and a dozen upcoming events", "[events][demo]") {
    const auto db = fresh_database("events_demo");
    {
        server_process server({db, {"--demo"}, {}});
        client c(server.port());

        auto list = c.get("/events/events?limit=100");
        REQUIRE(list.status == 200);
        CHECK(list.header("X-Total-Count") == "12");
        const auto events = list.json().as_array();
        REQUIRE(events.size() == 12);
        const auto organizer = events[0].at("organizer_id").as_int64();
        CHECK(count(db, "SELECT email FROM users WHERE id = " + std::to_string(organizer)) ==
              "organizer@demo.proeventa.test");
        for (const auto& e : events) {
            INFO(json::serialize(e));
            CHECK(e.at("status") == "published");
            CHECK(e.at("places_available").as_int64() > 0);
            CHECK_FALSE(e.at("description").as_string().empty());
            CHECK_FALSE(e.at("prices").as_array().empty());
        }

        auto venues = c.get("/events/venues").json().as_array();
        REQUIRE(venues.size() == 2);
        for (const auto& v : venues) {
            if (v.at("kind") == "seated") {
                CHECK(v.at("capacity").as_int64() == 500);
                CHECK(v.at("categories").as_array().size() == 3);
                const auto seats = c.get(id_path("/events/venues", v.at("id").as_int64(), "/seats")).json().as_array();
                CHECK(seats.size() == 500);
                CHECK(seats[0].at("label") == "Stalls, row A, seat 1");
            } else {
                CHECK(v.at("capacity").as_int64() == 400);
            }
        }
        // The seat map of a demo event is ready to pick from.
        for (const auto& e : events) {
            if (e.at("venue").at("kind") != "seated") continue;
            const auto map = c.get(id_path("/events/events", e.at("id").as_int64(), "/seats")).json();
            CHECK(map.at("seats").as_array().size() == 500);
            break;
        }
    }
    // Loading again finds the demo venues and adds nothing.
    server_process again({db, {"--demo"}, {}});
    CHECK(count(db, "SELECT count(*) FROM venues") == "2");
    CHECK(count(db, "SELECT count(*) FROM events") == "12");
    CHECK(count(db, "SELECT count(*) FROM seats") == "500");
}
