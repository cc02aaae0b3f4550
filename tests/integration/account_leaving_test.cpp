// Leaving over real HTTP: "sign out everywhere" revokes every token of the account; deleting an
// account needs its password, cancels its bookings of events to come (their seats go back on
// sale), keeps past ones without personal data, and leaves no token working.
#include "tickets_support.hpp"

using namespace proeventa::test;
using namespace proeventa::test::tickets;

TEST_CASE("sign out everywhere revokes every token of the account", "[account]") {
    auto& s = shared_shop("leaving");
    auto other_device =
        s.c.post("/auth/login", {{"email", s.who.other_buyer.email}, {"password", "correct-horse-battery"}});
    REQUIRE(other_device.status == 200);
    const std::string second(other_device.json().at("access_token").as_string());
    REQUIRE(s.c.get("/auth/me", second).status == 200);

    auto out = s.c.post("/auth/me/sign-out-everywhere", json::object{}, s.who.other_buyer.token);
    INFO(out.body);
    REQUIRE(out.status == 200);
    CHECK(eventually([&] { return s.c.get("/auth/me", second).status == 401; }));
    CHECK(s.c.get("/auth/me", s.who.other_buyer.token).status == 401);
    // Logging in again works, with a token of the new generation.
    auto again =
        s.c.post("/auth/login", {{"email", s.who.other_buyer.email}, {"password", "correct-horse-battery"}});
    REQUIRE(again.status == 200);
    CHECK(s.c.get("/auth/me", std::string(again.json().at("access_token").as_string())).status == 200);
    check_error(s.c.post("/auth/me/sign-out-everywhere", json::object{}), 401, "unauthorized");
}

TEST_CASE("deleting an account cancels its future bookings and keeps past ones without personal data",
          "[account]") {
    auto& s = shared_shop("leaving");
    auto leaver = make_user(s.c, s.db, "leaving-person@example.com");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 4, "Farewell Night");
    const auto ga = make_ga_event(s.c, s.who.organizer, 5, "Farewell Club");
    const auto seat_res = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, leaver.token));
    const auto ga_res = reserved(s.c.post(reserve_path, {{"event_id", ga}, {"quantity", 3}}, leaver.token));
    // A booking of an event that has already taken place (time moved in the database).
    const auto past_res = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[1]}}, leaver.token));
    const auto past_id = past_res[0].at("id").as_int64();
    sql(s.db, "UPDATE reservations SET event_start_time = now() - interval '1 day' WHERE id = " +
                  std::to_string(past_id));

    // The password is asked for; wrong or missing, nothing happens.
    check_error(
        s.c.request("DELETE", "/auth/me", R"({"current_password":"not it at all"})",
                    {{"Authorization", "Bearer " + leaver.token}, {"Content-Type", "application/json"}}),
        403, "forbidden");
    check_error(
        s.c.request("DELETE", "/auth/me", "{}",
                    {{"Authorization", "Bearer " + leaver.token}, {"Content-Type", "application/json"}}),
        400, "validation_failed");
    REQUIRE(s.c.get("/auth/me", leaver.token).status == 200);

    auto gone =
        s.c.request("DELETE", "/auth/me", R"({"current_password":"correct-horse-battery"})",
                    {{"Authorization", "Bearer " + leaver.token}, {"Content-Type", "application/json"}});
    INFO(gone.body);
    REQUIRE(gone.status == 200);
    CHECK(eventually([&] { return s.c.get("/auth/me", leaver.token).status == 401; }));
    CHECK(s.c.post("/auth/login", {{"email", leaver.email}, {"password", "correct-horse-battery"}}).status ==
          401);

    // Future bookings cancelled, their seat and places back on sale; the past one kept.
    const auto id = std::to_string(leaver.id);
    CHECK(scalar(s.db, "SELECT count(*) FROM reservations WHERE user_id = " + id +
                           " AND status = 'cancelled'") == 2);
    CHECK(scalar(s.db, "SELECT count(*) FROM reservations WHERE id = " + std::to_string(past_id) +
                           " AND status = 'confirmed'") == 1);
    CHECK(scalar(s.db, "SELECT taken FROM ga_inventory WHERE event_id = " + std::to_string(ga)) == 0);
    CHECK(s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, s.who.buyer.token)
              .status == 201);
    CHECK(seat_res[0].at("status") == "confirmed");
    CHECK(ga_res[0].at("quantity") == 3);
    // No personal data left on the account row.
    const auto row = sql(s.db, "SELECT email, full_name, deleted_at IS NOT NULL FROM users WHERE id = " + id);
    REQUIRE(row.size() == 1);
    CHECK(row[0][0] == "deleted-" + id + "@invalid");
    CHECK(row[0][1].empty());
    CHECK(row[0][2] == "t");
    // The organizer still sees the past booking, without the person.
    auto list =
        s.c.get("/reservations/reservations/event/" + std::to_string(event.id), s.who.organizer.token);
    REQUIRE(list.status == 200);
    bool seen = false;
    const auto items = list.json();
    for (const auto& r : items.as_array())
        if (r.at("id") == past_id) {
            seen = true;
            CHECK((r.at("customer").is_null() || r.at("customer").at("full_name") == ""));
        }
    CHECK(seen);
}
