// The public event list is reused for --list-cache-ms: what may be stale (availability, for
// everyone who sees the public list: anonymous visitors and customers), what never is (an event
// or venue write, an organizer's list), and that 0 turns it off. A long TTL makes "still cached"
// observable without any timing.
#include "listener_support.hpp"
#include "reservations_support.hpp"

using namespace proeventa::test;

namespace {

const std::string reserve_path = "/reservations/reservations/reserve";

std::int64_t seats_available(const http_result& list, std::int64_t event_id) {
    INFO(list.body);
    REQUIRE(list.status == 200);
    const auto events = list.json();  // named: a range-for over a temporary's array would dangle
    for (const auto& e : events.as_array())
        if (e.at("id").as_int64() == event_id) return e.at("seats_available").as_int64();
    FAIL("event " << event_id << " is not in the list");
    return -1;
}

}  // namespace

TEST_CASE("public list pages are reused until an event write; organizers read fresh", "[events][cache]") {
    auto db = fresh_database("events_list_cache");
    server_process server({db, {"--list-cache-ms", "60000"}});
    client c(server.port());
    auto organizer = make_user(c, db, "cache-org@example.com", "organizer");
    auto buyer = make_user(c, db, "cache-buyer@example.com");
    const auto event = make_seated_event(c, organizer, 2, 5, "Cache Night");
    const std::string list = "/events/events?q=cache";
    // The event's own notifications clear list pages when they arrive: let them arrive first.
    settle_changes(c, db);

    CHECK(seats_available(c.get(list), event.id) == 10);
    REQUIRE(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token).status == 201);

    // Reservations do not clear list pages: anonymous viewers and customers see the reused page...
    CHECK(seats_available(c.get(list), event.id) == 10);
    CHECK(seats_available(c.get(list, buyer.token), event.id) == 10);
    // ...a different filter, or an organizer (whose list holds their drafts), is read fresh...
    CHECK(seats_available(c.get(list + "&limit=50"), event.id) == 9);
    CHECK(seats_available(c.get(list, organizer.token), event.id) == 9);
    // ...and the single event is dropped from the cache at every change of its reservations.
    CHECK(c.get("/events/events/" + std::to_string(event.id)).json().at("seats_available").as_int64() == 9);

    // An event written on this instance clears every page at once.
    auto renamed = c.put("/events/events/" + std::to_string(event.id), {{"name", "Cache Night Renamed"}},
                         organizer.token);
    REQUIRE(renamed.status == 200);
    auto after = c.get(list);
    CHECK(seats_available(after, event.id) == 9);
    CHECK(after.json().at(0).at("name") == "Cache Night Renamed");

    // So does a new event, and a venue's new name.
    const auto second = make_seated_event(c, organizer, 1, 3, "Cache Matinee");
    CHECK(seats_available(c.get(list), second.id) == 3);
    const auto venue_id = c.get("/events/events/" + std::to_string(second.id)).json().at("venue_id").as_int64();
    REQUIRE(c.put("/events/venues/" + std::to_string(venue_id), {{"name", "Renamed Hall"}}, organizer.token).status ==
            200);
    bool renamed_venue_listed = false;
    const auto listed = c.get(list).json();
    for (const auto& e : listed.as_array())
        if (e.at("id").as_int64() == second.id) renamed_venue_listed = e.at("venue").at("name") == "Renamed Hall";
    CHECK(renamed_venue_listed);
}

TEST_CASE("--list-cache-ms 0 reads every list fresh", "[events][cache]") {
    auto db = fresh_database("events_list_nocache");
    server_process server({db, {"--list-cache-ms", "0"}});
    client c(server.port());
    auto organizer = make_user(c, db, "nocache-org@example.com", "organizer");
    auto buyer = make_user(c, db, "nocache-buyer@example.com");
    const auto event = make_seated_event(c, organizer, 1, 4, "Fresh Night");

    CHECK(seats_available(c.get("/events/events"), event.id) == 4);
    REQUIRE(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token).status == 201);
    CHECK(seats_available(c.get("/events/events"), event.id) == 3);
}
