// Reservation endpoints one behaviour at a time: shapes, holds, confirmation, cancellation,
// permissions, listings, idempotent replays and the cancel-event cascade.
#include "reservations_support.hpp"

using namespace proeventa::test;
namespace json = boost::json;

namespace {

const std::string reserve_path = "/reservations/reservations/reserve";

std::string path(std::int64_t id, const std::string& suffix = "") {
    return "/reservations/reservations/" + std::to_string(id) + suffix;
}

/// The answer to a one-seat or a quantity reserve: the reservation object itself.
json::object first_reservation(const http_result& r) {
    INFO(r.body);
    REQUIRE(r.status == 201);
    REQUIRE(r.json().as_object().contains("id"));
    return r.json().as_object();
}

}  // namespace

TEST_CASE("reserve: shapes, errors and what the body says") {
    auto db = fresh_database("res_shapes");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-shapes@example.com", "organizer");
    auto buyer = make_user(c, db, "shapes@example.com");
    auto event = make_seated_event(c, organizer, 3, 10);
    auto other = make_seated_event(c, organizer, 1, 5, "Other Night");
    const auto ga = make_ga_event(c, organizer, 5);

    SECTION("one seat, the original shape") {
        auto r = first_reservation(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token));
        CHECK(r.at("status") == "confirmed");
        CHECK(r.at("seat_id") == event.seat_ids[0]);
        CHECK(r.at("event_name") == "Rush Night");
        CHECK(r.at("seat_label").as_string().find("row") != json::string::npos);
        CHECK(r.at("price_cents") == 2500);
        CHECK(r.at("currency") == "EUR");
        CHECK(r.at("hold_expires_at").is_null());
        CHECK(r.at("user_id") == buyer.id);
    }
    SECTION("several seats are all or nothing") {
        auto ok = c.post(reserve_path, {{"event_id", event.id}, {"seat_ids", {event.seat_ids[1], event.seat_ids[2]}}}, buyer.token);
        CHECK(ok.status == 201);
        CHECK(ok.json().at("reservations").as_array().size() == 2);
        auto clash = c.post(reserve_path, {{"event_id", event.id}, {"seat_ids", {event.seat_ids[3], event.seat_ids[2]}}}, buyer.token);
        INFO(clash.body);
        CHECK(clash.status == 409);
        CHECK(clash.json().at("code") == "seat_taken");
        CHECK(clash.json().at("details").at("seat_ids") == json::array{event.seat_ids[2]});
        // Seat 3 was not kept from the failed request.
        CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[3]}}, buyer.token).status == 201);
    }
    SECTION("general admission quantities") {
        auto r = first_reservation(c.post(reserve_path, {{"event_id", ga}, {"quantity", 3}}, buyer.token));
        CHECK(r.at("quantity") == 3);
        CHECK(r.at("seat_id").is_null());
        auto too_many = c.post(reserve_path, {{"event_id", ga}, {"quantity", 3}}, buyer.token);
        CHECK(too_many.status == 409);
        CHECK(too_many.json().at("code") == "sold_out");
        CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 2}}, buyer.token).status == 201);
        CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 1}}, buyer.token).json().at("code") == "sold_out");
    }
    SECTION("bad requests change nothing") {
        const auto before = scalar(db, "SELECT count(*) FROM reservations");
        CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}).status == 401);
        CHECK(c.post(reserve_path, {{"event_id", 999999}, {"seat_id", 1}}, buyer.token).status == 404);
        auto foreign = c.post(reserve_path, {{"event_id", event.id}, {"seat_id", other.seat_ids[0]}}, buyer.token);
        CHECK(foreign.status == 400);
        CHECK(foreign.json().at("details").as_object().contains("seat_ids"));
        CHECK(c.post(reserve_path, {{"event_id", event.id}, {"quantity", 2}}, buyer.token).status == 400);
        CHECK(c.post(reserve_path, {{"event_id", ga}, {"seat_id", event.seat_ids[0]}}, buyer.token).status == 400);
        CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 11}}, buyer.token).status == 400);
        CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 0}}, buyer.token).status == 400);
        json::array eleven;
        for (int i = 0; i < 11; ++i) eleven.push_back(event.seat_ids[static_cast<std::size_t>(i)]);
        CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_ids", eleven}}, buyer.token).status == 400);
        CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_ids", {event.seat_ids[4], event.seat_ids[4]}}}, buyer.token).status == 400);
        CHECK(c.post(reserve_path, {{"event_id", "1"}, {"seat_id", 1}}, buyer.token).status == 400);
        CHECK(c.post(reserve_path, {{"event_id", event.id}}, buyer.token).status == 400);
        CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", 1}, {"quantity", 1}}, buyer.token).status == 400);
        CHECK(c.request("POST", reserve_path, "[]", {{"Authorization", "Bearer " + buyer.token}}).status == 400);
        CHECK(scalar(db, "SELECT count(*) FROM reservations") == before);
    }
}

TEST_CASE("events that are not on sale cannot be reserved") {
    auto db = fresh_database("res_not_on_sale");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-sale@example.com", "organizer");
    auto buyer = make_user(c, db, "sale@example.com");
    auto event = make_seated_event(c, organizer, 1, 5);
    const auto e = std::to_string(event.id);

    sql(db, "UPDATE events SET status = 'draft' WHERE id = " + e);
    auto draft = c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token);
    CHECK(draft.status == 404);  // someone else's draft is not acknowledged to exist
    sql(db, "UPDATE events SET status = 'published', sales_start = now() + interval '1 day' WHERE id = " + e);
    auto early = c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token);
    CHECK(early.status == 409);
    CHECK(early.json().at("code") == "not_on_sale");
    sql(db, "UPDATE events SET sales_start = NULL, start_time = now() - interval '1 hour', end_time = now() + interval '1 hour' WHERE id = " + e);
    auto started = c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, buyer.token);
    CHECK(started.status == 409);
    CHECK(started.json().at("code") == "not_on_sale");
    CHECK(scalar(db, "SELECT count(*) FROM reservations") == 0);
}

TEST_CASE("holds expire, cannot be confirmed late, and free their seats at once") {
    auto db = fresh_database("res_holds");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-hold@example.com", "organizer");
    auto alice = make_user(c, db, "alice@example.com");
    auto bob = make_user(c, db, "bob@example.com");
    auto event = make_seated_event(c, organizer, 1, 5);
    const auto ga = make_ga_event(c, organizer, 2);

    auto held = first_reservation(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}, {"hold", true}}, alice.token));
    CHECK(held.at("status") == "held");
    CHECK(held.at("hold_expires_at").is_string());
    auto seats = c.get("/events/events/" + std::to_string(event.id) + "/seats").json().at("seats").as_array();
    CHECK(seats[0].at("state") == "held");
    CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, bob.token).status == 409);

    auto ga_hold = first_reservation(c.post(reserve_path, {{"event_id", ga}, {"quantity", 2}, {"hold", true}}, alice.token));
    CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 1}}, bob.token).status == 409);

    // The hold time passes: both holds' expiry moves into the past. Whether or not the sweeper
    // (every 5 s) has marked them since, what follows holds.
    sql(db, "UPDATE reservations SET hold_expires_at = now() - interval '1 second' WHERE status = 'held'");
    auto late = c.post(path(held.at("id").as_int64(), "/confirm"), json::object{}, alice.token);
    CHECK(late.status == 409);
    CHECK(late.json().at("code") == "hold_expired");
    // The seat and the places are free for someone else right away, sweeper or not.
    CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, bob.token).status == 201);
    CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 2}}, bob.token).status == 201);
    CHECK(c.get(path(ga_hold.at("id").as_int64()), alice.token).json().at("status") == "expired");

    // A hold confirmed in time becomes confirmed.
    auto fresh = first_reservation(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[1]}, {"hold", true}}, alice.token));
    auto confirmed = c.post(path(fresh.at("id").as_int64(), "/confirm"), json::object{}, alice.token);
    CHECK(confirmed.status == 200);
    CHECK(confirmed.json().at("status") == "confirmed");
    CHECK(confirmed.json().at("hold_expires_at").is_null());
    // Nobody else confirms your hold.
    auto mine = first_reservation(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[2]}, {"hold", true}}, alice.token));
    CHECK(c.post(path(mine.at("id").as_int64(), "/confirm"), json::object{}, bob.token).status == 404);
}

TEST_CASE("cancel, read and list with permissions") {
    auto db = fresh_database("res_cancel");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-cancel@example.com", "organizer");
    auto rival = make_user(c, db, "rival-org@example.com", "organizer");
    auto admin = make_user(c, db, "admin-cancel@example.com", "admin");
    auto alice = make_user(c, db, "alice-c@example.com");
    auto bob = make_user(c, db, "bob-c@example.com");
    auto event = make_seated_event(c, organizer, 1, 5);

    auto r = first_reservation(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, alice.token));
    const auto id = r.at("id").as_int64();

    CHECK(c.get(path(id), alice.token).status == 200);
    CHECK(c.get(path(id), organizer.token).status == 200);
    CHECK(c.get(path(id), admin.token).status == 200);
    CHECK(c.get(path(id), bob.token).status == 404);
    CHECK(c.get(path(id), rival.token).status == 404);
    CHECK(c.get(path(id)).status == 401);
    CHECK(c.del(path(id), bob.token).status == 404);

    auto mine = c.get("/reservations/reservations/user/" + std::to_string(alice.id), alice.token);
    CHECK(mine.status == 200);
    CHECK(mine.header("x-total-count") == "1");
    CHECK(c.get("/api/v1/reservations/user/" + std::to_string(alice.id), alice.token).status == 200);
    CHECK(c.get("/reservations/reservations/user/" + std::to_string(alice.id), bob.token).status == 403);
    CHECK(c.get("/reservations/reservations/user/" + std::to_string(alice.id), admin.token).status == 200);
    CHECK(c.get("/reservations/reservations/user/" + std::to_string(alice.id) + "?status=bogus", alice.token).status == 400);

    auto by_event = c.get("/reservations/reservations/event/" + std::to_string(event.id), organizer.token);
    CHECK(by_event.status == 200);
    CHECK(by_event.json().as_array().size() == 1);
    CHECK(by_event.json().at(0).at("seat_label").is_string());
    // The organizer sees who reserved; a customer's own list does not repeat their account.
    const auto customer = by_event.json().at(0).at("customer");
    CHECK(customer.at("id").as_int64() == alice.id);
    CHECK(customer.at("email") == "alice-c@example.com");
    CHECK(customer.at("full_name") == "Test alice-c@example.com");
    CHECK_FALSE(mine.json().at(0).as_object().contains("customer"));
    CHECK(c.get("/reservations/reservations/event/" + std::to_string(event.id), admin.token)
              .json().at(0).at("customer").at("email") == "alice-c@example.com");
    CHECK(c.get("/reservations/reservations/event/" + std::to_string(event.id), rival.token).status == 403);
    CHECK(c.get("/reservations/reservations/event/" + std::to_string(event.id), alice.token).status == 403);

    auto cancelled = c.del(path(id), alice.token);
    CHECK(cancelled.status == 200);
    CHECK(cancelled.json().at("status") == "cancelled");
    auto again = c.del(path(id), alice.token);
    CHECK(again.status == 409);
    CHECK(again.json().at("code") == "already_cancelled");
    // The seat is free again at once.
    CHECK(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, bob.token).status == 201);
    // The event's organizer may cancel a customer's reservation.
    auto bobs = c.get("/reservations/reservations/user/" + std::to_string(bob.id), bob.token).json().at(0).at("id").as_int64();
    CHECK(c.del("/api/v1/reservations/" + std::to_string(bobs), organizer.token).status == 200);

    auto paged = c.get("/reservations/reservations/user/" + std::to_string(alice.id) + "?limit=1&offset=5", alice.token);
    CHECK(paged.json().as_array().empty());
    CHECK(paged.header("x-total-count") == "1");
}

TEST_CASE("Idempotency-Key replays the first answer and refuses a different body") {
    auto db = fresh_database("res_idempotency");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-key@example.com", "organizer");
    auto buyer = make_user(c, db, "key@example.com");
    auto other = make_user(c, db, "key-other@example.com");
    auto event = make_seated_event(c, organizer, 1, 5);
    auto send = [&](const test_user& u, std::int64_t seat, const std::string& key) {
        return c.request("POST", reserve_path, json::serialize(json::value{{"event_id", event.id}, {"seat_id", seat}}),
                         {{"Authorization", "Bearer " + u.token}, {"Idempotency-Key", key}});
    };
    auto first = send(buyer, event.seat_ids[0], "abc");
    CHECK(first.status == 201);
    auto replay = send(buyer, event.seat_ids[0], "abc");
    CHECK(replay.status == 201);
    CHECK(replay.body == first.body);
    auto mismatch = send(buyer, event.seat_ids[1], "abc");
    CHECK(mismatch.status == 422);
    CHECK(mismatch.json().at("code") == "idempotency_mismatch");
    // Keys belong to a user: the same key from someone else is a new request.
    CHECK(send(other, event.seat_ids[2], "abc").status == 201);
    CHECK(scalar(db, "SELECT count(*) FROM reservations") == 2);
    CHECK(send(buyer, event.seat_ids[3], std::string(201, 'k')).status == 400);
    // A keyed request for a seat someone holds is the same 409 as an unkeyed one, and its key
    // is not used up: once the seat is free, the same key reserves it.
    auto taken = send(other, event.seat_ids[0], "taken-key");
    INFO(taken.body);
    CHECK(taken.status == 409);
    CHECK(taken.json().at("code") == "seat_taken");
    CHECK(taken.json().at("details").at("seat_ids") == json::array{event.seat_ids[0]});
    const auto first_id = first.json().at("id").as_int64();
    REQUIRE(c.del(path(first_id), buyer.token).status == 200);
    CHECK(send(other, event.seat_ids[0], "taken-key").status == 201);
}

TEST_CASE("cancelling an event cancels its reservations in the same transaction") {
    auto db = fresh_database("res_cascade");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-cascade@example.com", "organizer");
    auto buyer = make_user(c, db, "cascade@example.com");
    auto event = make_seated_event(c, organizer, 1, 5);
    const auto ga = make_ga_event(c, organizer, 10);
    c.post(reserve_path, {{"event_id", event.id}, {"seat_ids", {event.seat_ids[0], event.seat_ids[1]}}}, buyer.token);
    c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[2]}, {"hold", true}}, buyer.token);
    c.post(reserve_path, {{"event_id", ga}, {"quantity", 4}}, buyer.token);

    auto cancel = c.del("/events/events/" + std::to_string(event.id), organizer.token);
    INFO(cancel.body);
    REQUIRE(cancel.status == 200);
    CHECK(cancel.json().at("status") == "cancelled");
    CHECK(cancel.json().at("reservations_cancelled") == 3);
    CHECK(scalar(db, "SELECT count(*) FROM reservations WHERE event_id = " + std::to_string(event.id) +
                         " AND status = 'cancelled'") == 3);
    // Still readable by their owner, now cancelled.
    auto mine = c.get("/reservations/reservations/user/" + std::to_string(buyer.id) + "?status=cancelled", buyer.token);
    CHECK(mine.header("x-total-count") == "3");
    auto after = c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[3]}}, buyer.token);
    CHECK(after.status == 409);
    CHECK(after.json().at("code") == "event_cancelled");

    // A failing hook rolls the whole cancellation back: make the reservations update fail.
    sql(db, "CREATE FUNCTION refuse_cancel() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'refused'; END $$");
    sql(db, "CREATE TRIGGER refuse BEFORE UPDATE ON reservations FOR EACH ROW EXECUTE FUNCTION refuse_cancel()");
    auto refused = c.del("/events/events/" + std::to_string(ga), organizer.token);
    CHECK(refused.status >= 500);
    CHECK(scalar(db, "SELECT count(*) FROM events WHERE id = " + std::to_string(ga) + " AND status = 'published'") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM reservations WHERE event_id = " + std::to_string(ga) +
                         " AND status = 'confirmed'") == 1);
}

TEST_CASE("GA capacity cannot drop below what is reserved") {
    auto db = fresh_database("res_capacity");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-cap@example.com", "organizer");
    auto buyer = make_user(c, db, "cap@example.com");
    const auto ga = make_ga_event(c, organizer, 10);
    REQUIRE(c.post(reserve_path, {{"event_id", ga}, {"quantity", 6}}, buyer.token).status == 201);
    auto lower = c.put("/events/events/" + std::to_string(ga), {{"capacity", 5}}, organizer.token);
    INFO(lower.body);
    CHECK(lower.status == 409);
    auto ok = c.put("/events/events/" + std::to_string(ga), {{"capacity", 7}}, organizer.token);
    INFO(ok.body);
    CHECK(ok.status == 200);
    CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 2}}, buyer.token).status == 409);
    CHECK(c.post(reserve_path, {{"event_id", ga}, {"quantity", 1}}, buyer.token).status == 201);
}
