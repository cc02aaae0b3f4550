// Input the server must refuse cleanly. Every write route the live route table lists (read from
// /openapi.json, so a new route cannot be forgotten here) gets each field of a valid body
// replaced in turn by boundary values: empty, blank, over-long, NUL, control characters, huge
// and fractional numbers, wrong types. None may be a 5xx; every refusal is the JSON error body.
// NUL bytes in particular are refused by name, and someone else's draft is 404 on every route.
#include "events_support.hpp"
#include "reservations_support.hpp"

#include <algorithm>
#include <functional>
#include <map>

using namespace proeventa::test;
using proeventa::test::events::check_error;
using proeventa::test::events::check_invalid;
namespace json = boost::json;

namespace {

std::vector<json::value> boundary_values() {
    return {json::value(""),
            json::value("   "),
            json::value(std::string("nul\0byte", 8)),
            json::value(std::string(1, '\0')),
            json::value("\x01\x02\x1f\x7f tab\there"),
            json::value(std::string(10'000, 'x')),
            json::value([] {
                std::string s;
                for (int i = 0; i < 300; ++i) s += "\xF0\x9F\x98\x80";  // U+1F600
                return s;
            }()),
            json::value(-1),
            json::value(0),
            json::value(std::int64_t{9'223'372'036'854'775'807}),
            json::value(std::int64_t{-9'223'372'036'854'775'807 - 1}),
            json::value(std::uint64_t{18'446'744'073'709'551'615u}),
            json::value(1e308),
            json::value(-1e308),
            json::value(0.5),
            json::value(true),
            json::value(nullptr),
            json::value(json::array{}),
            json::value(json::object{}),
            json::value(json::array{"x", 1})};
}

/// A field of a body (any depth, objects and arrays included) and how to reach it in a copy.
struct target {
    std::function<json::value&(json::value&)> locate;
    std::string name;
};

void targets_of(json::value& node, const std::string& path, std::function<json::value&(json::value&)> locate,
                std::vector<target>& out) {
    if (!path.empty()) out.push_back({locate, path});
    if (auto* o = node.if_object()) {
        for (auto& [key, child] : *o) {
            const std::string k(key);
            targets_of(child, path.empty() ? k : path + "." + k,
                       [locate, k](json::value& root) -> json::value& { return locate(root).as_object()[k]; }, out);
        }
    } else if (auto* a = node.if_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            targets_of((*a)[i], path + "[" + std::to_string(i) + "]",
                       [locate, i](json::value& root) -> json::value& { return locate(root).as_array()[i]; }, out);
    }
}

void check_clean_answer(const http_result& res, const std::string& what) {
    INFO(what << " -> " << res.status << " " << res.body.substr(0, 300));
    CHECK(res.status < 500);
    CHECK(res.status != 0);
    if (res.status >= 400) {
        const auto body = res.json().as_object();
        CHECK(body.at("status_code").as_int64() == res.status);
        CHECK_FALSE(body.at("code").as_string().empty());
    }
}

struct walk_fixture {
    std::string db = fresh_database("input_boundaries");
    server_process server{{db, {"--signups-per-hour", "100000", "--login-failures", "1000"}}};
    client c{server.port()};
    test_user admin = make_user(c, db, "walk-admin@example.com", "admin");
    test_user organizer = make_user(c, db, "walk-organizer@example.com", "organizer");
    test_user customer = make_user(c, db, "walk-customer@example.com");
    // One signs out everywhere, one is asked (with wrong passwords) to delete itself: kept apart
    // from the callers above.
    test_user leaver = make_user(c, db, "walk-leaver@example.com");
    test_user deleter = make_user(c, db, "walk-deleter@example.com");
};

}  // namespace

TEST_CASE("every write route answers boundary values with a 4xx, never a 5xx", "[input]") {
    walk_fixture f;
    auto& c = f.c;
    const auto venue = events::create_venue(c, f.organizer, events::theatre_body("Walk Theatre"));
    const auto event = events::create_event(c, f.organizer, events::seated_event_body(venue, "Walk Night"));
    const auto event_id = event.at("id").as_int64();
    const auto seats = c.get("/events/events/" + std::to_string(event_id) + "/seats").json().at("seats").as_array();
    auto held = c.post("/reservations/reservations/reserve",
                       {{"event_id", event_id}, {"seat_id", seats[0].at("id")}, {"hold", true}}, f.customer.token);
    REQUIRE(held.status == 201);
    const auto reservation_id = held.json().at("id").as_int64();

    // A valid body, the caller and the id for each write route; a route missing here fails the test.
    struct route_case {
        json::value body;
        const test_user* who;
        std::int64_t id;
    };
    std::map<std::string, route_case> cases{
        {"POST /auth/signup",
         {json::object{{"email", "walker@example.com"}, {"password", "walking the boundary"}, {"full_name", "Walker"}},
          nullptr, 0}},
        {"POST /auth/login",
         {json::object{{"email", "walk-customer@example.com"}, {"password", "not the password at all"}}, nullptr, 0}},
        {"PATCH /auth/me", {json::object{{"full_name", "Walker Renamed"}}, &f.customer, 0}},
        {"PATCH /auth/users/{id}/role", {json::object{{"role", "customer"}}, &f.admin, f.customer.id}},
        {"POST /events/venues", {events::theatre_body("Walk Venue"), &f.organizer, 0}},
        {"PUT /events/venues/{id}",
         {json::object{{"name", "Walk Theatre"}, {"address", "1 Walk Way"}, {"timezone", "Europe/Paris"}},
          &f.organizer, venue}},
        {"POST /events/events", {events::seated_event_body(venue, "Walk Event"), &f.organizer, 0}},
        {"PUT /events/events/{id}", {events::seated_event_body(venue, "Walk Night"), &f.organizer, event_id}},
        {"DELETE /events/events/{id}", {json::object{}, &f.organizer, event_id}},
        {"POST /reservations/reservations/reserve",
         {json::object{{"event_id", event_id}, {"seat_ids", json::array{seats[1].at("id"), seats[2].at("id")}},
                       {"hold", true}},
          &f.customer, 0}},
        {"POST /reservations/reservations/{id}/confirm", {json::object{}, &f.customer, reservation_id}},
        {"DELETE /reservations/reservations/{id}", {json::object{}, &f.customer, reservation_id}},
        {"POST /auth/me/sign-out-everywhere", {json::object{}, &f.leaver, 0}},
        {"DELETE /auth/me", {json::object{{"current_password", "not the password at all"}}, &f.deleter, 0}},
        {"POST /events/events/{id}/checkins",
         {json::object{{"code", "PE1.1.1.1.not-a-signature"}}, &f.organizer, event_id}},
        {"POST /reservations/reservations/{id}/ticket/reissue", {json::object{}, &f.customer, reservation_id}},
    };

    auto spec = c.get("/openapi.json");
    REQUIRE(spec.status == 200);
    std::vector<std::pair<std::string, std::string>> routes;  // method, pattern; deletes last
    const auto spec_json = spec.json();
    for (const auto& [pattern, ops] : spec_json.at("paths").as_object()) {
        if (std::string_view(pattern).starts_with("/api/v1/")) continue;  // the same handlers
        for (const auto& [verb, _] : ops.as_object()) {
            std::string method(verb);
            for (auto& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            if (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE")
                routes.emplace_back(method, std::string(pattern));
        }
    }
    std::stable_partition(routes.begin(), routes.end(), [](const auto& r) { return r.first != "DELETE"; });
    REQUIRE(routes.size() == cases.size());

    const auto values = boundary_values();
    int sent = 0;
    for (const auto& [method, pattern] : routes) {
        const std::string key = method + " " + pattern;
        INFO("route " << key << " has no case in this test: add one");
        REQUIRE(cases.count(key) == 1);
        auto& rc = cases.at(key);
        std::string path = pattern;
        if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, std::to_string(rc.id));
        std::map<std::string, std::string> headers;
        if (rc.who) headers["Authorization"] = "Bearer " + rc.who->token;

        std::vector<target> fields;
        targets_of(rc.body, "", [](json::value& root) -> json::value& { return root; }, fields);
        for (const auto& field : fields) {
            for (const auto& v : values) {
                json::value body = rc.body;
                field.locate(body) = v;
                check_clean_answer(c.request(method, path, json::serialize(body), headers),
                                   key + " " + field.name + "=" + json::serialize(v).substr(0, 40));
                ++sent;
            }
        }
        // Whole bodies and ids that are no good at all.
        const std::vector<std::string> raw_bodies{"", "null", "[]", "\"text\"", "{", "{\"a\":",
                                                  std::string(40, '[') + std::string(40, ']'),
                                                  "{\"x\": 1e999999}", "{\"x\": \"\\ud800\"}", "\xff\xfe"};
        for (const auto& raw : raw_bodies)
            check_clean_answer(c.request(method, path, raw, headers), key + " body " + raw.substr(0, 20));
        if (pattern.find("{id}") != std::string::npos)
            for (const auto& id : std::vector<std::string>{"0", "-1", "99999999999999999999", "abc", "%00", "1%2F2"}) {
                std::string bad = pattern;
                bad.replace(bad.find("{id}"), 4, id);
                check_clean_answer(c.request(method, bad, json::serialize(rc.body), headers), key + " id " + id);
            }
    }
    INFO(sent << " field requests");
    CHECK(sent > 500);
    // The server survived all of it and stays healthy.
    CHECK(c.get("/health").status == 200);
}

TEST_CASE("NUL bytes are refused by name, and nothing is stored", "[input]") {
    auto& s = events::shared_server("input_nul");
    const auto venues_before = scalar(s.db, "SELECT count(*) FROM venues");
    auto venue = events::theatre_body("Nul Theatre");
    venue["name"] = std::string("Nul\0Byte", 8);
    check_invalid(s.c.post("/events/venues", venue, s.organizer.token), "name");
    venue = events::theatre_body("Nul Theatre");
    venue["layout"].as_object()["sections"].as_array()[1].as_object()["name"] = std::string(1, '\0');
    check_invalid(s.c.post("/events/venues", venue, s.organizer.token), "layout.sections[1].name");
    CHECK(scalar(s.db, "SELECT count(*) FROM venues") == venues_before);

    const auto club = events::create_venue(s.c, s.organizer, events::club_body("Nul Club", 50));
    auto event = events::ga_event_body(club, 50, "Nul Night");
    event["description"] = std::string("before\0after", 12);
    check_invalid(s.c.post("/events/events", event, s.organizer.token), "description");
    CHECK(scalar(s.db, "SELECT count(*) FROM events WHERE name = 'Nul Night'") == 0);

    check_invalid(s.c.post("/auth/signup", {{"email", "nul@example.com"}, {"password", std::string("pass\0word-long", 14)}}),
                  "password");
    check_invalid(s.c.get("/events/events?q=jazz%00club"), "q");
    check_invalid(s.c.get("/events/events?q=%FF%FE"), "q");
    check_invalid(s.c.get("/events/venues?limit=1%00"), "limit");
}

TEST_CASE("someone else's draft is 404 on every route", "[input][permissions]") {
    auto& s = events::shared_server("input_drafts");
    const auto club = events::create_venue(s.c, s.organizer, events::club_body("Draft Cellar", 40));
    auto body = events::ga_event_body(club, 40, "Secret Draft");
    body["status"] = "draft";
    const auto draft = events::create_event(s.c, s.organizer, body).at("id").as_int64();
    const auto d = std::to_string(draft);

    for (const auto* stranger : {&s.customer, &s.other_organizer}) {
        check_error(s.c.get("/events/events/" + d, stranger->token), 404, "not_found");
        check_error(s.c.get("/events/events/" + d + "/seats", stranger->token), 404, "not_found");
        check_error(s.c.get("/reservations/reservations/event/" + d, stranger->token), 404, "not_found");
        check_error(s.c.post("/reservations/reservations/reserve", {{"event_id", draft}, {"quantity", 1}},
                             stranger->token),
                    404, "not_found");
    }
    check_error(s.c.get("/events/events/" + d), 404, "not_found");
    check_error(s.c.put("/events/events/" + d, {{"name", "Taken over"}}, s.other_organizer.token), 404, "not_found");
    check_error(s.c.del("/events/events/" + d, s.other_organizer.token), 404, "not_found");
    // A customer may change no event at all: the same 403 for a draft, a published event and no
    // event, so it says nothing about which exist.
    for (const std::string& id : {d, std::string("987654321")}) {
        check_error(s.c.put("/events/events/" + id, {{"name", "Taken over"}}, s.customer.token), 403, "forbidden");
        check_error(s.c.del("/events/events/" + id, s.customer.token), 403, "forbidden");
    }
    // Its organizer and admins see it, and learn why it cannot be sold.
    CHECK(s.c.get("/reservations/reservations/event/" + d, s.organizer.token).status == 200);
    CHECK(s.c.get("/reservations/reservations/event/" + d, s.admin.token).status == 200);
    check_error(s.c.post("/reservations/reservations/reserve", {{"event_id", draft}, {"quantity", 1}},
                         s.organizer.token),
                409, "not_on_sale");
    // A published event of another organizer stays visible, so its reservation list is a 403.
    body["status"] = "published";
    body["name"] = "Public Night";
    const auto published = events::create_event(s.c, s.organizer, body).at("id").as_int64();
    check_error(s.c.get("/reservations/reservations/event/" + std::to_string(published), s.other_organizer.token),
                403, "forbidden");
}
