// The reserve rules (sales window, seats of another venue, quantity vs seats, cancelled events,
// drafts) against a fake events catalog: no PostgreSQL, the service's planning step alone.
// errors.hpp by its path: each module has one, and the unit tests see every module's folder.
#include "../../modules/reservations/src/errors.hpp"
#include "sale_rules.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include <map>

using namespace proeventa;
using namespace proeventa::reservations;

namespace {

constexpr std::int64_t organizer_id = 7;

/// A catalog over a few events and one venue's seats; counts the seat lookups it answers.
class fake_catalog final : public events::catalog {
public:
    std::map<std::int64_t, events::event_for_sale> events;
    std::map<std::int64_t, std::vector<events::seat_for_sale>> venue_seats;  // by venue id
    int seat_lookups = 0;

    awaitable<std::optional<events::event_for_sale>> find_event(std::int64_t event_id) override {
        const auto it = events.find(event_id);
        if (it == events.end()) co_return std::nullopt;
        co_return it->second;
    }
    awaitable<std::vector<events::seat_for_sale>> find_seats(std::int64_t event_id,
                                                             const std::vector<std::int64_t>& seat_ids) override {
        ++seat_lookups;
        std::vector<events::seat_for_sale> out;
        for (const auto& seat : venue_seats[events.at(event_id).venue_id])
            for (auto id : seat_ids)
                if (seat.id == id) out.push_back(seat);
        co_return out;
    }
    awaitable<void> set_sold_out(std::int64_t, bool) override { co_return; }
    void availability_changed(std::int64_t) override {}
};

events::event_for_sale on_sale(std::int64_t id, bool seated) {
    events::event_for_sale e;
    e.id = id;
    e.name = "Night " + std::to_string(id);
    e.start_time = "2031-03-01T19:00:00Z";
    e.organizer_id = organizer_id;
    e.venue_id = seated ? 1 : 2;
    e.status = "published";
    e.seated = seated;
    e.capacity = seated ? 3 : 100;
    e.currency = "EUR";
    e.general_price_cents = seated ? 0 : 1500;
    return e;
}

struct fixture {
    fake_catalog catalog;
    fixture() {
        catalog.venue_seats[1] = {{11, "Stalls, row A, seat 1", "A", 2500},
                                  {12, "Stalls, row A, seat 2", "A", 2500},
                                  {13, "Stalls, row A, seat 3", "B", 1800}};
        catalog.venue_seats[3] = {{31, "Balcony, row A, seat 1", "A", 900}};
        catalog.events[1] = on_sale(1, true);
        catalog.events[2] = on_sale(2, false);
    }

    sale_plan plan(const reserve_request& req, const principal& who = customer()) {
        net::io_context io;
        auto planned = net::co_spawn(io, plan_sale(catalog, who, req), net::use_future);
        io.run();
        return planned.get();
    }

    /// The failure the plan ends in (and fails the test if it succeeds).
    failure refusal(const reserve_request& req, const principal& who = customer()) {
        try {
            plan(req, who);
        } catch (const failure& f) {
            return f;
        }
        FAIL("the plan was expected to fail");
        throw std::logic_error("unreachable");
    }

    static principal customer() { return {42, "customer"}; }
};

reserve_request seats(std::int64_t event_id, std::vector<std::int64_t> ids) {
    reserve_request req;
    req.event_id = event_id;
    req.form = ids.size() == 1 ? reserve_form::one_seat : reserve_form::seat_list;
    req.seat_ids = std::move(ids);
    return req;
}

reserve_request places(std::int64_t event_id, std::int64_t quantity) {
    reserve_request req;
    req.event_id = event_id;
    req.form = reserve_form::places;
    req.quantity = quantity;
    return req;
}

}  // namespace

TEST_CASE("reserve rules: an event on sale gives a plan with the seats priced", "[reservations]") {
    fixture f;
    const auto plan = f.plan(seats(1, {11, 13}));
    CHECK(plan.event.id == 1);
    REQUIRE(plan.seats.size() == 2);
    CHECK(plan.seats[0].label == "Stalls, row A, seat 1");
    CHECK(plan.seats[1].price_cents == 1800);

    const auto ga = f.plan(places(2, 4));
    CHECK(ga.event.general_price_cents == 1500);
    CHECK(ga.seats.empty());
    CHECK(f.catalog.seat_lookups == 1);  // general admission has no seats to look up
}

TEST_CASE("reserve rules: a missing event and someone else's draft are not found alike", "[reservations]") {
    fixture f;
    const auto missing = f.refusal(seats(99, {11}));
    CHECK(missing.code() == errc::not_found);
    CHECK(to_api_error(missing).status() == http::status::not_found);

    auto& draft = f.catalog.events[1];
    draft.status = "draft";
    draft.not_on_sale_code = "not_on_sale";
    draft.not_on_sale_reason = "event is not published";
    const auto hidden = f.refusal(seats(1, {11}));
    CHECK(hidden.code() == errc::not_found);
    CHECK(hidden.message() == "event 1 does not exist");

    // Its organizer and an admin see the draft: it exists, but is not on sale.
    CHECK(f.refusal(seats(1, {11}), principal{organizer_id, "organizer"}).code() == errc::not_on_sale);
    CHECK(f.refusal(seats(1, {11}), principal{1, "admin"}).code() == errc::not_on_sale);
    CHECK(f.catalog.seat_lookups == 0);
}

TEST_CASE("reserve rules: outside the sales window or cancelled, with the catalog's reason", "[reservations]") {
    fixture f;
    auto& early = f.catalog.events[1];
    early.not_on_sale_code = "not_on_sale";
    early.not_on_sale_reason = "sales open at 2031-02-01T10:00:00Z";
    const auto refused = f.refusal(seats(1, {11}));
    CHECK(refused.code() == errc::not_on_sale);
    CHECK(refused.message() == "sales open at 2031-02-01T10:00:00Z");
    const auto answer = to_api_error(refused);
    CHECK(answer.status() == http::status::conflict);
    CHECK(answer.code() == "not_on_sale");

    auto& cancelled = f.catalog.events[2];
    cancelled.status = "cancelled";
    cancelled.not_on_sale_code = "event_cancelled";
    cancelled.not_on_sale_reason = "the event has been cancelled";
    const auto gone = f.refusal(places(2, 1));
    CHECK(gone.code() == errc::event_cancelled);
    CHECK(to_api_error(gone).code() == "event_cancelled");
    CHECK(to_api_error(gone).status() == http::status::conflict);
}

TEST_CASE("reserve rules: seats of another venue are named", "[reservations]") {
    fixture f;
    const auto refused = f.refusal(seats(1, {11, 31, 77}));
    CHECK(refused.code() == errc::invalid_input);
    const auto answer = to_api_error(refused);
    CHECK(answer.status() == http::status::bad_request);
    CHECK(answer.code() == "validation_failed");
    CHECK(answer.details().at("seat_ids") == "not seats of this event's venue: 31, 77");
}

TEST_CASE("reserve rules: seats for seated events, a quantity for general admission", "[reservations]") {
    fixture f;
    const auto quantity_for_seated = to_api_error(f.refusal(places(1, 2)));
    CHECK(quantity_for_seated.status() == http::status::bad_request);
    CHECK(quantity_for_seated.details().contains("seat_ids"));

    const auto seats_for_ga = to_api_error(f.refusal(seats(2, {11})));
    CHECK(seats_for_ga.status() == http::status::bad_request);
    CHECK(seats_for_ga.details().contains("quantity"));
    CHECK(f.catalog.seat_lookups == 0);
}
