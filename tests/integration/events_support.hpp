#pragma once
// Shared by the events integration tests: one real server per test binary on a fresh database,
// users of each role, and builders for venue and event bodies.
#include "run_end.hpp"
#include "test_support.hpp"

#include <boost/json.hpp>

#include <memory>
#include <string>

namespace proeventa::test::events {

namespace json = boost::json;

struct events_server {
    std::string db;
    server_process server;
    client c;
    test_user admin;
    test_user organizer;
    test_user other_organizer;
    test_user customer;

    explicit events_server(const std::string& hint)
        : db(fresh_database(hint)),
          // Each test binary signs up a handful of users from one address.
          server(server_process::options{db, {"--signups-per-hour", "1000"}, {}}),
          c(server.port()) {
        admin = make_user(c, db, hint + "-admin@example.com", "admin");
        organizer = make_user(c, db, hint + "-organizer@example.com", "organizer");
        other_organizer = make_user(c, db, hint + "-organizer2@example.com", "organizer");
        customer = make_user(c, db, hint + "-customer@example.com", "customer");
    }
};

/// One server for every test case of a binary: starting one and signing users up (Argon2id)
/// costs more than most cases. Cases keep apart by creating their own venues and events.
inline events_server& shared_server(const std::string& hint) {
    static std::unique_ptr<events_server> server;
    if (!server) {
        server = std::make_unique<events_server>(hint);
        at_run_end([] { server.reset(); });
    }
    return *server;
}

inline void check_error(const http_result& res, int status, const std::string& code) {
    INFO("status " << res.status << " body " << res.body);
    REQUIRE(res.status == status);
    const auto body = res.json().as_object();
    CHECK(body.at("status_code").as_int64() == status);
    CHECK(body.at("code").as_string() == code);
    CHECK_FALSE(body.at("error").as_string().empty());
}

/// A 400 validation_failed whose details name `field`.
inline void check_invalid(const http_result& res, const std::string& field) {
    check_error(res, 400, "validation_failed");
    const auto body = res.json().as_object();
    INFO("details " << json::serialize(body.at("details")) << " expected " << field);
    CHECK(body.at("details").as_object().contains(field));
}

inline json::object theatre_body(const std::string& name = "Lyric Theatre") {
    return {{"name", name},
            {"address", "14 Quay Street, Manchester"},
            {"timezone", "Europe/London"},
            {"layout",
             {{"sections",
               json::array{json::object{{"name", "Stalls"}, {"rows", 3}, {"seats_per_row", 4}, {"category", "A"}},
                           json::object{{"name", "Circle"}, {"rows", 2}, {"seats_per_row", 5}, {"category", "B"}}}}}}};
}

inline json::object club_body(const std::string& name = "The Cellar Club", std::int64_t capacity = 400) {
    return {{"name", name}, {"address", "3 Tib Lane"}, {"timezone", "Europe/London"}, {"capacity", capacity}};
}

inline std::int64_t create_venue(client& c, const test_user& who, const json::object& body) {
    auto res = c.post("/events/venues", body, who.token);
    INFO(res.body);
    REQUIRE(res.status == 201);
    return res.json().at("id").as_int64();
}

/// Times a fixed distance from now, so events stay in the future whenever the test runs.
inline std::string days_from_now(int days, int hour = 19) {
    using namespace std::chrono;
    const auto t = floor<std::chrono::days>(system_clock::now()) + std::chrono::days(days) + hours(hour);
    const std::time_t tt = system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

inline json::object seated_event_body(std::int64_t venue_id, const std::string& name = "Swan Lake",
                                      int day = 10) {
    return {{"name", name},
            {"description", "The City Ballet dances Tchaikovsky."},
            {"start_time", days_from_now(day, 19)},
            {"end_time", days_from_now(day, 22)},
            {"venue_id", venue_id},
            {"status", "published"},
            {"currency", "EUR"},
            {"prices", json::array{json::object{{"category", "A"}, {"price_cents", 6500}},
                                   json::object{{"category", "B"}, {"price_cents", 4500}}}}};
}

inline json::object ga_event_body(std::int64_t venue_id, std::int64_t capacity = 100,
                                  const std::string& name = "Neon Nights", int day = 12) {
    return {{"name", name},
            {"description", "Synthwave live."},
            {"start_time", days_from_now(day, 20)},
            {"end_time", days_from_now(day, 23)},
            {"venue_id", venue_id},
            {"status", "published"},
            {"currency", "EUR"},
            {"capacity", capacity},
            {"prices", json::array{json::object{{"category", "general"}, {"price_cents", 1800}}}}};
}

inline json::object create_event(client& c, const test_user& who, const json::object& body) {
    auto res = c.post("/events/events", body, who.token);
    INFO(res.body);
    REQUIRE(res.status == 201);
    return res.json().as_object();
}

inline std::string id_path(const std::string& base, std::int64_t id, const std::string& tail = {}) {
    return base + "/" + std::to_string(id) + tail;
}

}  // namespace proeventa::test::events
