// The read path across instances: two servers on one database, each with its own caches of
// event pages, lists, seat maps and account state, kept true by LISTEN/NOTIFY. A write through
// one is seen through the other; role changes, password changes and deletions apply at once on
// both; while an instance's listener is down it serves fresh answers, never cached ones; and
// conditional requests and compression behave on the wire.
#include "listener_support.hpp"
#include "reservations_support.hpp"

#include <proeventa/http/content_coding.hpp>

#include <chrono>

using namespace proeventa::test;
using namespace std::chrono;

namespace {

const std::string reserve_path = "/reservations/reservations/reserve";

std::string event_path(std::int64_t id, const std::string& tail = {}) {
    return "/events/events/" + std::to_string(id) + tail;
}

/// Waits until `condition` holds and says how long that took (printed for the record; the
/// bound here is generous on purpose: tests assert what happens, not how fast).
template <class Condition>
milliseconds time_until(Condition condition) {
    const auto start = steady_clock::now();
    REQUIRE(eventually(condition, seconds(10), milliseconds(5)));
    return duration_cast<milliseconds>(steady_clock::now() - start);
}

std::string seat_state(client& c, std::int64_t event_id, std::int64_t seat_id) {
    const auto map = c.get(event_path(event_id, "/seats")).json();
    for (const auto& s : map.at("seats").as_array())
        if (s.at("id").as_int64() == seat_id) return std::string(s.at("state").as_string());
    return "missing";
}

std::int64_t metric(client& c, const std::string& name) {
    const auto text = c.get("/metrics").body;
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stoll(text.substr(at + name.size() + 2));
}

}  // namespace

TEST_CASE("a write through one instance is seen through the other", "[cache][scaleout]") {
    const auto db = fresh_database("read_path_two");
    server_process a({db});
    server_process b({db});
    client ca(a.port()), cb(b.port());
    auto organizer = make_user(ca, db, "two-org@example.com", "organizer");
    auto buyer = make_user(ca, db, "two-buyer@example.com");
    const auto event = make_seated_event(ca, organizer, 2, 5, "Two Rooms");
    const auto path = event_path(event.id);

    // B caches the page (a second read is a hit), then A renames the event.
    settle_changes(cb, db);
    REQUIRE(cb.get(path).status == 200);
    const auto hits_before = metric(cb, "proeventa_cache_hits_total");
    REQUIRE(cb.get(path).json().at("name") == "Two Rooms");
    CHECK(metric(cb, "proeventa_cache_hits_total") > hits_before);
    REQUIRE(ca.put(path, {{"name", "Two Rooms Renamed"}}, organizer.token).status == 200);
    const auto renamed = time_until([&] { return cb.get(path).json().at("name") == "Two Rooms Renamed"; });
    WARN("rename visible on the other instance after " << renamed.count() << " ms");

    // The list page on B shows the new name too, without waiting for its ttl.
    REQUIRE(ca.put(path, {{"name", "Two Rooms Again"}}, organizer.token).status == 200);
    time_until([&] {
        const auto list = cb.get("/events/events?q=two").json();
        return !list.as_array().empty() && list.at(0).at("name") == "Two Rooms Again";
    });

    // A seat reserved through A turns taken on B's seat map and B's page counts it.
    REQUIRE(seat_state(cb, event.id, event.seat_ids[0]) == "available");
    const auto places_before = cb.get(path).json().at("seats_available").as_int64();
    REQUIRE(ca.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token).status == 201);
    const auto taken = time_until([&] { return seat_state(cb, event.id, event.seat_ids[0]) == "reserved"; });
    WARN("seat taken visible on the other instance after " << taken.count() << " ms");
    time_until([&] { return cb.get(path).json().at("seats_available").as_int64() == places_before - 1; });
}

TEST_CASE("role changes, password changes and deletions apply at once on every instance", "[cache][auth]") {
    const auto db = fresh_database("read_path_accounts");
    server_process a({db});
    server_process b({db});
    client ca(a.port()), cb(b.port());
    auto admin = make_user(ca, db, "acct-admin@example.com", "admin");
    auto user = make_user(ca, db, "acct-user@example.com", "organizer");
    const std::string venues = "/events/venues";
    const boost::json::object venue = {{"name", "Role Hall"}, {"address", "1 Way"}, {"capacity", 50}};

    // B learns the account (an organizer may create venues there).
    REQUIRE(cb.get("/auth/me", user.token).json().at("role") == "organizer");
    REQUIRE(cb.post(venues, venue, user.token).status == 201);

    // Demoted through A: B refuses the same token's organizer request.
    const auto role_path = "/auth/users/" + std::to_string(user.id) + "/role";
    REQUIRE(ca.patch(role_path, {{"role", "customer"}}, admin.token).status == 200);
    time_until([&] { return cb.post(venues, venue, user.token).status == 403; });
    CHECK(cb.get("/auth/me", user.token).json().at("role") == "customer");

    // Promoted again, by SQL this time (the `user set-role` command writes the same way).
    sql(db, "UPDATE users SET role = 'organizer' WHERE id = " + std::to_string(user.id));
    time_until([&] { return cb.post(venues, venue, user.token).status == 201; });

    // A password change through A revokes the old token on B.
    auto changed = ca.patch("/auth/me", {{"current_password", "correct-horse-battery"},
                                         {"password", "another long passphrase 42"}},
                            user.token);
    INFO(changed.body);
    REQUIRE(changed.status == 200);
    time_until([&] { return cb.get("/auth/me", user.token).status == 401; });
    const std::string fresh_token = std::string(changed.json().at("access_token").as_string());
    CHECK(cb.get("/auth/me", fresh_token).status == 200);

    // A deleted account's tokens stop working on B.
    sql(db, "UPDATE users SET deleted_at = now() WHERE id = " + std::to_string(user.id));
    time_until([&] { return cb.get("/auth/me", fresh_token).status == 401; });
}

TEST_CASE("while the listener is down, answers are fresh, never cached", "[cache][listener]") {
    const auto db = fresh_database("read_path_gap");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "gap-org@example.com", "organizer");
    const auto event = make_seated_event(c, organizer, 1, 3, "Gap Night");
    const auto path = event_path(event.id);
    REQUIRE(c.get(path).json().at("name") == "Gap Night");
    REQUIRE(eventually([&] { return metric(c, "proeventa_change_listener_up") == 1; }));

    {
        // Cut the listener off and keep it off while the database changes behind its back.
        listener_blocker cut_off(db);
        REQUIRE(eventually([&] { return metric(c, "proeventa_change_listener_up") == 0; }));
        sql(db, "UPDATE events SET name = 'Gap Night Renamed' WHERE id = " + std::to_string(event.id));
        CHECK(c.get(path).json().at("name") == "Gap Night Renamed");
        sql(db, "UPDATE events SET name = 'Gap Night Twice' WHERE id = " + std::to_string(event.id));
        CHECK(c.get(path).json().at("name") == "Gap Night Twice");
    }

    // Back: the listener reconnects and caching resumes, with what was written in the gap.
    REQUIRE(eventually([&] { return metric(c, "proeventa_change_listener_up") == 1; }));
    CHECK(c.get(path).json().at("name") == "Gap Night Twice");
    CHECK(c.get(path).json().at("name") == "Gap Night Twice");
}

TEST_CASE("conditional requests and gzip on the wire", "[cache][http]") {
    const auto db = fresh_database("read_path_wire");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "wire-org@example.com", "organizer");
    const auto event = make_seated_event(c, organizer, 10, 20, "Wire Night");
    const auto seats = event_path(event.id, "/seats");

    const auto plain = c.request("GET", seats);
    REQUIRE(plain.status == 200);
    const auto etag = plain.header("etag");
    REQUIRE_FALSE(etag.empty());
    CHECK(plain.header("cache-control") == "public, no-cache");
    CHECK(plain.header("vary").find("Accept-Encoding") != std::string::npos);

    const auto packed = c.request("GET", seats, {}, {{"Accept-Encoding", "gzip"}});
    REQUIRE(packed.status == 200);
    CHECK(packed.header("content-encoding") == "gzip");
    CHECK(packed.body.size() * 5 < plain.body.size());
    CHECK(proeventa::content_coding::gunzip(packed.body) == plain.body);
    CHECK(packed.header("etag") == etag);
    CHECK(c.request("GET", seats, {}, {{"Accept-Encoding", "gzip;q=0"}}).header("content-encoding").empty());

    const auto not_modified = c.request("GET", seats, {}, {{"If-None-Match", "\"other\", " + etag}});
    CHECK(not_modified.status == 304);
    CHECK(not_modified.body.empty());
    CHECK(c.request("GET", seats, {}, {{"If-None-Match", "garbage"}}).status == 200);
    std::string long_list;
    for (int i = 0; i < 300; ++i) long_list += "\"t" + std::to_string(i) + "\", ";
    CHECK(c.request("GET", seats, {}, {{"If-None-Match", long_list + etag}}).status == 304);

    // A change of state changes the ETag: the old one no longer gets a 304.
    auto buyer = make_user(c, db, "wire-buyer@example.com");
    REQUIRE(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token).status == 201);
    time_until([&] { return c.request("GET", seats, {}, {{"If-None-Match", etag}}).status == 200; });

    // The compact states name the venue's geometry at a content-addressed URL, kept for a year.
    const auto states = c.request("GET", event_path(event.id, "/seats/state"));
    REQUIRE(states.status == 200);
    CHECK_FALSE(states.header("etag").empty());
    const std::string geometry(states.json().at("geometry").as_string());
    const auto shapes = c.request("GET", geometry);
    REQUIRE(shapes.status == 200);
    CHECK(shapes.header("cache-control") == "public, max-age=31536000, immutable");
    CHECK(shapes.json().as_array().size() == 200);
    const auto unversioned = c.request("GET", geometry.substr(0, geometry.find('?')));
    CHECK(unversioned.header("cache-control") == "public, no-cache");
    CHECK(unversioned.body == shapes.body);
    CHECK(c.request("GET", geometry.substr(0, geometry.find('?')) + "?v=stale").header("cache-control") ==
          "public, no-cache");

    // Signed-in answers may be kept by the browser only.
    CHECK(c.get(event_path(event.id), buyer.token).header("cache-control") == "private, no-cache");
    // The app's assets carry their build-time gzip form.
    const auto page = c.request("GET", "/", {}, {{"Accept-Encoding", "gzip"}});
    CHECK(page.status == 200);
    CHECK(page.header("content-encoding") == "gzip");
    CHECK(proeventa::content_coding::gunzip(page.body).find("<html") != std::string::npos);
}
