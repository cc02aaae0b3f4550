// Orders over real HTTP: one reserve request is one order with a readable booking reference; its
// status follows its positions; the buyer, the event's organizer and admins see it, nobody else.
#include "tickets_support.hpp"

#include <set>

using namespace proeventa::test;
using namespace proeventa::test::tickets;

TEST_CASE("a reserve request is an order with a readable booking reference", "[orders]") {
    auto& s = shared_shop("orders");
    auto event = make_seated_event(s.c, s.who.organizer, 4, 10, "Order Night");
    const auto two = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_ids", {event.seat_ids[0], event.seat_ids[1]}}},
                 s.who.buyer.token));
    REQUIRE(two.size() == 2);
    const std::string reference(two[0].at("order_reference").as_string());
    CHECK(looks_like_reference(reference));
    CHECK(two[1].at("order_reference") == json::value(reference));

    auto order = s.c.get(order_path(reference), s.who.buyer.token);
    INFO(order.body);
    REQUIRE(order.status == 200);
    const auto o = order.json().as_object();
    CHECK(o.at("reference") == json::value(reference));
    CHECK(o.at("status") == "confirmed");
    CHECK(o.at("total_cents") == 5000);
    CHECK(o.at("currency") == "EUR");
    CHECK(o.at("event_id") == event.id);
    CHECK(o.at("event_name") == "Order Night");
    CHECK(o.at("user_id") == s.who.buyer.id);
    REQUIRE(o.at("positions").as_array().size() == 2);
    CHECK(o.at("positions").at(0).at("id") == two[0].at("id"));

    // Read over the phone, typed in lower case: the same order.
    std::string lower = reference;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(s.c.get(order_path(lower), s.who.buyer.token).status == 200);

    // The original one-seat answer keeps its fields and names its order.
    const auto one = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[2]}}, s.who.buyer.token));
    const auto r = one[0].as_object();
    for (const char* field :
         {"id", "event_id", "event_name", "event_start_time", "user_id", "seat_id", "seat_label", "quantity",
          "status", "price_cents", "currency", "hold_expires_at", "created_at", "updated_at"})
        CHECK(r.contains(field));
    CHECK(r.at("order_reference") != json::value(reference));
    CHECK(s.c.get(reservation_path(r.at("id").as_int64()), s.who.buyer.token).json().at("order_reference") ==
          r.at("order_reference"));
}

TEST_CASE("booking references are distinct and from the alphabet without look-alikes", "[orders]") {
    auto& s = shared_shop("orders");
    const auto ga = make_ga_event(s.c, s.who.organizer, 100, "Reference Night");
    std::set<std::string> seen;
    for (int i = 0; i < 40; ++i) {
        const auto made =
            reserved(s.c.post(reserve_path, {{"event_id", ga}, {"quantity", 1}}, s.who.buyer.token));
        const std::string reference(made[0].at("order_reference").as_string());
        CHECK(looks_like_reference(reference));
        seen.insert(reference);
    }
    CHECK(seen.size() == 40);
    CHECK(scalar(s.db, "SELECT count(*) FROM orders WHERE event_id = " + std::to_string(ga)) == 40);
}

TEST_CASE("an order's status follows its positions", "[orders]") {
    auto& s = shared_shop("orders");
    auto event = make_seated_event(s.c, s.who.organizer, 2, 5, "Status Night");
    const auto held = reserved(s.c.post(
        reserve_path,
        {{"event_id", event.id}, {"seat_ids", {event.seat_ids[0], event.seat_ids[1]}}, {"hold", true}},
        s.who.buyer.token));
    const std::string reference(held[0].at("order_reference").as_string());
    auto status = [&] {
        return std::string(s.c.get(order_path(reference), s.who.buyer.token).json().at("status").as_string());
    };
    CHECK(status() == "held");
    CHECK(
        s.c.post(reservation_path(held[0].at("id").as_int64(), "/confirm"), json::object{}, s.who.buyer.token)
            .status == 200);
    CHECK(status() == "held");
    CHECK(
        s.c.post(reservation_path(held[1].at("id").as_int64(), "/confirm"), json::object{}, s.who.buyer.token)
            .status == 200);
    CHECK(status() == "confirmed");
    CHECK(s.c.get(order_path(reference), s.who.buyer.token).json().at("total_cents") == 5000);
    CHECK(s.c.del(reservation_path(held[0].at("id").as_int64()), s.who.buyer.token).status == 200);
    CHECK(status() == "partly_cancelled");
    CHECK(s.c.get(order_path(reference), s.who.buyer.token).json().at("total_cents") == 2500);
    CHECK(s.c.del(reservation_path(held[1].at("id").as_int64()), s.who.buyer.token).status == 200);
    CHECK(status() == "cancelled");

    // Holds let go are a released order, not a cancelled one; the reservation was never bought.
    const auto let_go = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[2]}, {"hold", true}},
                 s.who.buyer.token));
    const auto let_go_id = let_go[0].at("id").as_int64();
    REQUIRE(s.c.del(reservation_path(let_go_id), s.who.buyer.token).status == 200);
    CHECK(s.c.get(order_path(std::string(let_go[0].at("order_reference").as_string())), s.who.buyer.token)
              .json()
              .at("status") == "released");
    CHECK(s.c.get(reservation_path(let_go_id), s.who.buyer.token).json().at("confirmed_at").is_null());
    CHECK(s.c.get(reservation_path(held[0].at("id").as_int64()), s.who.buyer.token)
              .json()
              .at("confirmed_at")
              .is_string());

    // A hold that runs out: the order expires with it (time moved in the database).
    const auto brief = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[3]}, {"hold", true}},
                 s.who.buyer.token));
    const std::string brief_ref(brief[0].at("order_reference").as_string());
    sql(s.db, "UPDATE reservations SET hold_expires_at = now() - interval '1 second' WHERE id = " +
                  std::to_string(brief[0].at("id").as_int64()));
    CHECK(s.c.get(order_path(brief_ref), s.who.buyer.token).json().at("status") == "expired");
}

TEST_CASE("an order is seen by its buyer, the event's organizer and admins; by nobody else", "[orders]") {
    auto& s = shared_shop("orders");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 5, "Private Night");
    const auto made = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, s.who.buyer.token));
    const std::string reference(made[0].at("order_reference").as_string());

    CHECK(s.c.get(order_path(reference), s.who.buyer.token).status == 200);
    CHECK(s.c.get(order_path(reference), s.who.organizer.token).status == 200);
    CHECK(s.c.get(order_path(reference), s.who.admin.token).status == 200);
    check_error(s.c.get(order_path(reference), s.who.other_buyer.token), 404, "not_found");
    check_error(s.c.get(order_path(reference), s.who.other_organizer.token), 404, "not_found");
    check_error(s.c.get(order_path(reference)), 401, "unauthorized");
    // Not a reference at all, or one nobody has: the same 404.
    check_error(s.c.get(order_path("OOOOOOOO"), s.who.buyer.token), 404, "not_found");
    check_error(s.c.get(order_path("ACDEFGH"), s.who.buyer.token), 404, "not_found");
    check_error(s.c.get(order_path("AAAAAAAA"), s.who.buyer.token), 404, "not_found");
    // A path segment that is no word at all is not a route.
    CHECK(s.c.get("/reservations/orders/AB-CD", s.who.buyer.token).status == 404);

    // Lists: one's own (the default), or anyone's for an admin.
    auto mine = s.c.get("/reservations/orders?user_id=" + std::to_string(s.who.buyer.id), s.who.buyer.token);
    INFO(mine.body);
    REQUIRE(mine.status == 200);
    CHECK(std::stoll(mine.header("x-total-count")) >= 1);
    bool found = false;
    const auto mine_list = mine.json();  // iterated: a named value, not a temporary's member
    for (const auto& o : mine_list.as_array()) {
        CHECK(o.at("user_id") == s.who.buyer.id);
        CHECK_FALSE(o.at("positions").as_array().empty());
        if (o.at("reference") == json::value(reference)) found = true;
    }
    CHECK(found);
    CHECK(s.c.get("/reservations/orders", s.who.buyer.token).json().as_array().size() ==
          mine.json().as_array().size());
    check_error(
        s.c.get("/reservations/orders?user_id=" + std::to_string(s.who.buyer.id), s.who.other_buyer.token),
        404, "not_found");
    check_error(
        s.c.get("/reservations/orders?user_id=" + std::to_string(s.who.buyer.id), s.who.organizer.token), 404,
        "not_found");
    CHECK(
        s.c.get("/reservations/orders?user_id=" + std::to_string(s.who.buyer.id), s.who.admin.token).status ==
        200);
    check_error(s.c.get("/reservations/orders?user_id=abc", s.who.buyer.token), 400, "validation_failed");
    // The other buyer has no orders: an empty list, not someone else's.
    auto none = s.c.get("/reservations/orders", s.who.other_buyer.token);
    CHECK(none.status == 200);
    CHECK(none.json().as_array().empty());
}
