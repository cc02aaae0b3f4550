// What a reserve answers, per request form; the same text is what an Idempotency-Key replays.
#include "reservation_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace proeventa::reservations;
namespace json = boost::json;

namespace {

reservation_record seat(std::int64_t id, std::int64_t seat_id) {
    reservation_record r;
    r.id = id;
    r.event_id = 3;
    r.event_name = "Rush Night";
    r.event_start_time = "2031-03-01T19:00:00Z";
    r.user_id = 8;
    r.seat_id = seat_id;
    r.seat_label = "Stalls, row A, seat " + std::to_string(seat_id);
    r.status = "confirmed";
    r.price_cents = 2500;
    r.currency = "EUR";
    r.created_at = r.updated_at = "2031-01-01T10:00:00.5Z";
    return r;
}

}  // namespace

TEST_CASE("reserve answer: the reservation itself, or a list for seat_ids", "[reservations]") {
    const auto one = json::parse(reserve_answer({seat(1, 4)}, reserve_form::one_seat)).as_object();
    CHECK(one.at("id") == 1);
    CHECK(one.at("seat_label") == "Stalls, row A, seat 4");
    CHECK(one.at("hold_expires_at").is_null());
    CHECK(one.size() == 16);  // the original 14, order_reference and confirmed_at

    const auto many = json::parse(reserve_answer({seat(1, 4), seat(2, 5)}, reserve_form::seat_list));
    REQUIRE(many.at("reservations").as_array().size() == 2);
    CHECK(many.at("reservations").at(1).at("seat_id") == 5);

    auto block = seat(3, 0);
    block.seat_id.reset();
    block.seat_label.reset();
    block.quantity = 4;
    block.status = "held";
    block.hold_expires_at = "2031-01-01T10:10:00Z";
    const auto places = json::parse(reserve_answer({block}, reserve_form::places));
    CHECK(places.at("seat_id").is_null());
    CHECK(places.at("quantity") == 4);
    CHECK(places.at("hold_expires_at") == "2031-01-01T10:10:00Z");
}

TEST_CASE("reserve answer: the fields in the API's order, the same text every time", "[reservations]") {
    const auto text = reserve_answer({seat(1, 4)}, reserve_form::one_seat);
    CHECK(text.rfind(R"({"id":1,"event_id":3,"event_name":"Rush Night",)", 0) == 0);
    CHECK(text == reserve_answer({seat(1, 4)}, reserve_form::one_seat));
    CHECK(text == json::serialize(to_json(seat(1, 4))));
}
