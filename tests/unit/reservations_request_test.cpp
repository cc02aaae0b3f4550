#include "reserve_request.hpp"

#include <proeventa/http/api_error.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace proeventa;
using namespace proeventa::reservations;

namespace {
reserve_request parse(const char* text) { return parse_reserve_request(boost::json::parse(text).as_object()); }

json::object details_of(const char* text) {
    try {
        parse(text);
    } catch (const api_error& e) {
        CHECK(e.code() == "validation_failed");
        return e.details();
    }
    FAIL("expected a validation error for " << text);
    return {};
}
}  // namespace

TEST_CASE("reserve request: the three shapes", "[reservations]") {
    auto one = parse(R"({"event_id": 4, "seat_id": 9})");
    CHECK(one.event_id == 4);
    CHECK(one.seat_ids == std::vector<std::int64_t>{9});
    CHECK_FALSE(one.hold);

    auto many = parse(R"({"event_id": 4, "seat_ids": [12, 3, 7], "hold": true})");
    CHECK(many.seat_ids == std::vector<std::int64_t>{3, 7, 12});  // sorted: a stable lock order
    CHECK(many.hold);

    auto places = parse(R"({"event_id": 4, "quantity": 3})");
    CHECK(places.seat_ids.empty());
    CHECK(places.quantity == 3);
}

TEST_CASE("reserve request: every malformed body is a 400 naming the field", "[reservations]") {
    CHECK(details_of(R"({"seat_id": 1})").contains("event_id"));
    CHECK(details_of(R"({"event_id": 0, "seat_id": 1})").contains("event_id"));
    CHECK(details_of(R"({"event_id": "4", "seat_id": 1})").contains("event_id"));
    CHECK(details_of(R"({"event_id": 4})").contains("seat_ids"));
    CHECK(details_of(R"({"event_id": 4, "seat_id": 1, "quantity": 2})").contains("seat_ids"));
    CHECK(details_of(R"({"event_id": 4, "seat_ids": []})").contains("seat_ids"));
    CHECK(details_of(R"({"event_id": 4, "seat_ids": [1,2,3,4,5,6,7,8,9,10,11]})").contains("seat_ids"));
    CHECK(details_of(R"({"event_id": 4, "seat_ids": [1, 1]})").contains("seat_ids"));
    CHECK(details_of(R"({"event_id": 4, "seat_ids": [1, -2]})").contains("seat_ids"));
    CHECK(details_of(R"({"event_id": 4, "seat_ids": "1,2"})").contains("seat_ids"));
    CHECK(details_of(R"({"event_id": 4, "quantity": 11})").contains("quantity"));
    CHECK(details_of(R"({"event_id": 4, "quantity": 0})").contains("quantity"));
    CHECK(details_of(R"({"event_id": 4, "seat_id": 1, "hold": "yes"})").contains("hold"));
}

TEST_CASE("reserve request: the fingerprint tells different requests apart", "[reservations]") {
    auto a = parse(R"({"event_id": 4, "seat_ids": [2, 1]})");
    auto b = parse(R"({"event_id": 4, "seat_ids": [1, 2]})");
    auto c = parse(R"({"event_id": 4, "seat_ids": [1, 2], "hold": true})");
    auto d = parse(R"({"event_id": 5, "seat_ids": [1, 2]})");
    CHECK(a.fingerprint() == b.fingerprint());
    CHECK(a.fingerprint() != c.fingerprint());
    CHECK(a.fingerprint() != d.fingerprint());
    // Same seat, another answer shape (the object, or {"reservations": [...]}).
    CHECK(parse(R"({"event_id": 4, "seat_id": 1})").fingerprint() !=
          parse(R"({"event_id": 4, "seat_ids": [1]})").fingerprint());
}
