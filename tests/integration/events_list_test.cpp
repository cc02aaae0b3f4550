// GET /events/events against the real server: who sees what, full-text search, every filter,
// the three sort orders, paging with X-Total-Count and its limits, availability per item.
#include "events_support.hpp"

#include <algorithm>
#include <set>

using namespace proeventa::test;
using namespace proeventa::test::events;

namespace {

events_server& env() { return shared_server("events_list"); }

std::vector<std::int64_t> ids_of(const http_result& res) {
    INFO(res.body);
    REQUIRE(res.status == 200);
    std::vector<std::int64_t> ids;
    const auto body = res.json();  // a named value: the loop must not outlive it
    for (const auto& e : body.as_array()) ids.push_back(e.at("id").as_int64());
    return ids;
}

std::string venue_filter(std::int64_t venue) { return "/events/events?venue_id=" + std::to_string(venue); }

json::object named(std::int64_t venue, const std::string& name, const std::string& description, int day,
                   const std::string& status = "published") {
    auto body = ga_event_body(venue, 10, name, day);
    body["description"] = description;
    body["status"] = status;
    return body;
}

}  // namespace

TEST_CASE("everyone sees published events; drafts stay with their organizer", "[events][list]") {
    auto& s = env();
    const auto venue = create_venue(s.c, s.organizer, club_body("Visibility Club"));
    const auto published = create_event(s.c, s.organizer, named(venue, "Published", "", 5)).at("id").as_int64();
    const auto draft = create_event(s.c, s.organizer, named(venue, "Draft", "", 6, "draft")).at("id").as_int64();
    const auto others_draft =
        create_event(s.c, s.other_organizer, named(venue, "Other draft", "", 7, "draft")).at("id").as_int64();
    const auto cancelled = create_event(s.c, s.organizer, named(venue, "Cancelled", "", 8)).at("id").as_int64();
    REQUIRE(s.c.del(id_path("/events/events", cancelled), s.organizer.token).status == 200);

    const auto path = venue_filter(venue);
    CHECK(ids_of(s.c.get(path)) == std::vector<std::int64_t>{published});
    CHECK(ids_of(s.c.get(path, s.customer.token)) == std::vector<std::int64_t>{published});
    CHECK(ids_of(s.c.get(path, s.organizer.token)) == std::vector<std::int64_t>{published, draft});
    CHECK(ids_of(s.c.get(path, s.other_organizer.token)) == std::vector<std::int64_t>{published, others_draft});
    CHECK(ids_of(s.c.get(path, s.admin.token)) ==
          std::vector<std::int64_t>{published, draft, others_draft, cancelled});

    // An explicit status filter: cancelled events are public, other people's drafts are not.
    CHECK(ids_of(s.c.get(path + "&status=cancelled")) == std::vector<std::int64_t>{cancelled});
    CHECK(ids_of(s.c.get(path + "&status=draft")).empty());
    CHECK(ids_of(s.c.get(path + "&status=draft", s.organizer.token)) == std::vector<std::int64_t>{draft});
    CHECK(ids_of(s.c.get(path + "&status=draft", s.admin.token)) == std::vector<std::int64_t>{draft, others_draft});
    CHECK(s.c.get(path).header("X-Total-Count") == "1");
    CHECK(s.c.get(path, s.admin.token).header("X-Total-Count") == "4");
}

TEST_CASE("full-text search over name and description", "[events][list][search]") {
    auto& s = env();
    const auto venue = create_venue(s.c, s.organizer, club_body("Search Club"));
    const auto swan = create_event(s.c, s.organizer, named(venue, "Swan Lake", "Tchaikovsky ballet in four acts", 5))
                          .at("id").as_int64();
    const auto jazz = create_event(s.c, s.organizer, named(venue, "Blue Note Revisited", "Modal JAZZ quintet", 6))
                          .at("id").as_int64();
    const auto both = create_event(s.c, s.organizer, named(venue, "Jazz Ballet", "Crossover evening", 7))
                          .at("id").as_int64();
    create_event(s.c, s.organizer, named(venue, "Hidden jazz draft", "", 8, "draft"));

    const auto search = [&](const std::string& q) { return ids_of(s.c.get(venue_filter(venue) + "&q=" + q)); };
    CHECK(search("swan") == std::vector<std::int64_t>{swan});
    CHECK(search("SWAN%20lake") == std::vector<std::int64_t>{swan});
    CHECK(search("tchaikovsky") == std::vector<std::int64_t>{swan});
    CHECK(search("tchaik").empty());                                   // whole words only
    CHECK(search("jazz") == std::vector<std::int64_t>{jazz, both});    // description and name
    CHECK(search("jazz%20ballet") == std::vector<std::int64_t>{both}); // every word must match
    CHECK(search("opera").empty());
    CHECK(search("jazz%20-ballet") == std::vector<std::int64_t>{jazz});  // websearch syntax
    CHECK(search("%22quintet%20jazz%22").empty());                       // a phrase, in order
    CHECK(search("%22modal%20jazz%22") == std::vector<std::int64_t>{jazz});
    CHECK(search("%26%7C%21%28").size() == 3);  // only operators: no search at all
    const auto res = s.c.get(venue_filter(venue) + "&q=jazz");
    CHECK(res.header("X-Total-Count") == "2");
    check_invalid(s.c.get("/events/events?q=" + std::string(201, 'a')), "q");
}

TEST_CASE("filters by time range, venue and organizer", "[events][list][filters]") {
    auto& s = env();
    const auto venue = create_venue(s.c, s.organizer, club_body("Filter Club"));
    const auto other_venue = create_venue(s.c, s.organizer, club_body("Filter Club 2"));
    const auto early = create_event(s.c, s.organizer, named(venue, "Early", "", 3)).at("id").as_int64();
    const auto middle = create_event(s.c, s.other_organizer, named(venue, "Middle", "", 10)).at("id").as_int64();
    const auto late = create_event(s.c, s.organizer, named(venue, "Late", "", 20)).at("id").as_int64();
    const auto elsewhere = create_event(s.c, s.organizer, named(other_venue, "Elsewhere", "", 10)).at("id").as_int64();

    const auto base = venue_filter(venue);
    CHECK(ids_of(s.c.get(base + "&from=" + days_from_now(5))) == std::vector<std::int64_t>{middle, late});
    CHECK(ids_of(s.c.get(base + "&to=" + days_from_now(15))) == std::vector<std::int64_t>{early, middle});
    CHECK(ids_of(s.c.get(base + "&from=" + days_from_now(5) + "&to=" + days_from_now(15))) ==
          std::vector<std::int64_t>{middle});
    CHECK(ids_of(s.c.get(base + "&organizer_id=" + std::to_string(s.other_organizer.id))) ==
          std::vector<std::int64_t>{middle});
    CHECK(ids_of(s.c.get(venue_filter(other_venue))) == std::vector<std::int64_t>{elsewhere});
    CHECK(ids_of(s.c.get("/api/v1/events?venue_id=" + std::to_string(other_venue))) ==
          std::vector<std::int64_t>{elsewhere});

    check_invalid(s.c.get(base + "&from=yesterday"), "from");
    check_invalid(s.c.get(base + "&from=" + days_from_now(5) + "&to=" + days_from_now(4)), "to");
    check_invalid(s.c.get("/events/events?venue_id=abc"), "venue_id");
    check_invalid(s.c.get("/events/events?organizer_id=-1"), "organizer_id");
    check_invalid(s.c.get("/events/events?status=sold"), "status");
    check_invalid(s.c.get("/events/events?available=maybe"), "available");
}

TEST_CASE("sorted by start time either way, or by name", "[events][list][sort]") {
    auto& s = env();
    const auto venue = create_venue(s.c, s.organizer, club_body("Sort Club"));
    const auto b = create_event(s.c, s.organizer, named(venue, "Bravo", "", 4)).at("id").as_int64();
    const auto c = create_event(s.c, s.organizer, named(venue, "Charlie", "", 2)).at("id").as_int64();
    const auto a = create_event(s.c, s.organizer, named(venue, "Alpha", "", 9)).at("id").as_int64();
    const auto base = venue_filter(venue);
    CHECK(ids_of(s.c.get(base)) == std::vector<std::int64_t>{c, b, a});
    CHECK(ids_of(s.c.get(base + "&sort=start_time")) == std::vector<std::int64_t>{c, b, a});
    CHECK(ids_of(s.c.get(base + "&sort=-start_time")) == std::vector<std::int64_t>{a, b, c});
    CHECK(ids_of(s.c.get(base + "&sort=name")) == std::vector<std::int64_t>{a, b, c});
    check_invalid(s.c.get(base + "&sort=price"), "sort");
}

TEST_CASE("paging: limit, offset and X-Total-Count", "[events][list][paging]") {
    auto& s = env();
    const auto venue = create_venue(s.c, s.organizer, club_body("Paging Club"));
    // 125 events straight into the table (the API path is covered elsewhere).
    sql(s.db, "INSERT INTO events (name, start_time, end_time, venue_id, organizer_id, status, capacity, currency) "
              "SELECT 'Paged ' || g, now() + g * interval '1 day', now() + g * interval '1 day' + interval '2 hours', " +
                  std::to_string(venue) + ", " + std::to_string(s.organizer.id) +
                  ", 'published', 10, 'EUR' FROM generate_series(1, 125) g");
    const auto base = venue_filter(venue);

    auto res = s.c.get(base);
    CHECK(res.header("X-Total-Count") == "125");
    const auto first_page = ids_of(res);
    CHECK(first_page.size() == 20);  // the default limit

    res = s.c.get(base + "&limit=100");
    CHECK(ids_of(res).size() == 100);  // the maximum
    check_invalid(s.c.get(base + "&limit=101"), "limit");
    check_invalid(s.c.get(base + "&limit=0"), "limit");
    check_invalid(s.c.get(base + "&offset=-1"), "offset");
    check_invalid(s.c.get(base + "&limit=ten"), "limit");

    const auto second = ids_of(s.c.get(base + "&limit=20&offset=20"));
    CHECK(second.size() == 20);
    std::set<std::int64_t> seen(first_page.begin(), first_page.end());
    for (auto id : second) CHECK_FALSE(seen.count(id));

    res = s.c.get(base + "&limit=10&offset=120");
    CHECK(ids_of(res).size() == 5);
    CHECK(res.header("X-Total-Count") == "125");
    res = s.c.get(base + "&offset=500");
    CHECK(ids_of(res).empty());
    CHECK(res.header("X-Total-Count") == "125");
}

TEST_CASE("each item carries its availability; available=true skips full events", "[events][list][availability]") {
    auto& s = env();
    const auto club = create_venue(s.c, s.organizer, club_body("Availability Club"));
    const auto theatre = create_venue(s.c, s.organizer, theatre_body("Availability Theatre"));
    const auto ga = create_event(s.c, s.organizer, named(club, "GA night", "", 3)).at("id").as_int64();
    const auto seated = create_event(s.c, s.organizer, seated_event_body(theatre, "Seated night", 4)).at("id").as_int64();
    const auto full = create_event(s.c, s.organizer, named(club, "Full night", "", 5)).at("id").as_int64();

    REQUIRE(s.c.post("/reservations/reservations/reserve", {{"event_id", ga}, {"quantity", 3}}, s.customer.token).status == 201);
    const auto seat = s.c.get(id_path("/events/events", seated, "/seats")).json().at("seats").as_array()[0].at("id").as_int64();
    REQUIRE(s.c.post("/reservations/reservations/reserve", {{"event_id", seated}, {"seat_id", seat}}, s.customer.token).status == 201);
    // Fill the last one completely; the hint follows through catalog::set_sold_out or the update.
    REQUIRE(s.c.post("/reservations/reservations/reserve", {{"event_id", full}, {"quantity", 10}}, s.customer.token).status == 201);
    sql(s.db, "UPDATE events SET sold_out = true WHERE id = " + std::to_string(full));

    auto list = s.c.get("/events/events?sort=start_time&limit=100&from=" + days_from_now(2) + "&to=" + days_from_now(6));
    REQUIRE(list.status == 200);
    std::map<std::int64_t, json::object> by_id;
    const auto items = list.json();
    for (const auto& e : items.as_array()) by_id[e.at("id").as_int64()] = e.as_object();
    REQUIRE(by_id.count(ga));
    CHECK(by_id[ga].at("places_available").as_int64() == 7);
    CHECK(by_id[ga].at("seats_available").is_null());
    CHECK(by_id[seated].at("places_available").as_int64() == 21);
    CHECK(by_id[seated].at("seats_available").as_int64() == 21);
    CHECK(by_id[full].at("places_available").as_int64() == 0);

    const auto available = ids_of(s.c.get("/events/events?available=true&venue_id=" + std::to_string(club)));
    CHECK(std::find(available.begin(), available.end(), ga) != available.end());
    CHECK(std::find(available.begin(), available.end(), full) == available.end());
    CHECK(ids_of(s.c.get("/events/events?available=false&venue_id=" + std::to_string(club))).size() == 2);
}
