// Every reservations failure's HTTP answer: the stable codes and statuses clients branch on.
// errors.hpp by its path: each module has one, and the unit tests see every module's folder.
#include "../../modules/reservations/src/errors.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace proeventa;
using namespace proeventa::reservations;

TEST_CASE("reservations failures: codes and statuses", "[reservations]") {
    const auto answer = [](errc code) { return to_api_error(failure(code, "message")); };
    CHECK(answer(errc::not_found).status() == http::status::not_found);
    CHECK(answer(errc::not_found).code() == "not_found");
    CHECK(answer(errc::forbidden).status() == http::status::forbidden);
    CHECK(answer(errc::invalid_input).code() == "validation_failed");
    CHECK(answer(errc::sale_closed).code() == "not_on_sale");
    CHECK(answer(errc::hold_expired).code() == "hold_expired");
    CHECK(answer(errc::not_held).code() == "not_held");
    CHECK(answer(errc::already_cancelled).code() == "already_cancelled");
    CHECK(answer(errc::idempotency_conflict).status() == http::status::conflict);
    CHECK(answer(errc::idempotency_mismatch).status() == http::status::unprocessable_entity);
    CHECK(answer(errc::idempotency_mismatch).code() == "idempotency_mismatch");
    CHECK(answer(errc::capacity_below_reserved).code() == "capacity_below_reserved");
    CHECK(answer(errc::hold_expired).what() == std::string("message"));
}

TEST_CASE("reservations failures: taken seats and places left travel in details", "[reservations]") {
    const auto one = to_api_error(seats_taken({5}));
    CHECK(one.status() == http::status::conflict);
    CHECK(one.code() == "seat_taken");
    CHECK(one.what() == std::string("seat 5 was just taken"));
    CHECK(one.details().at("seat_ids") == boost::json::array{5});
    CHECK(to_api_error(seats_taken({5, 9})).what() == std::string("seats 5, 9 were just taken"));
    CHECK(to_api_error(seats_taken({})).details().at("seat_ids").as_array().empty());

    const auto few = to_api_error(sold_out(2));
    CHECK(few.code() == "sold_out");
    CHECK(few.what() == std::string("only 2 places are left"));
    CHECK(few.details().at("places_available") == 2);
    CHECK(to_api_error(sold_out(0)).what() == std::string("this event is sold out"));
}
