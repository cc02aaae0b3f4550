// The one place a reservations failure becomes an HTTP answer. The codes are part of the API:
// clients branch on them, tests check them. Change a message if you like, never a code or a
// status.
#include "errors.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <stdexcept>

namespace proeventa::reservations {
namespace {

std::string join_ids(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) {
        if (!out.empty()) out += ", ";
        out += std::to_string(id);
    }
    return out;
}

json::object field_details(const failure& f) {
    json::object out;
    // The first problem of a field is the one reported, as field_reader does.
    for (const auto& p : f.problems())
        if (!out.contains(p.field)) out[p.field] = p.message;
    return out;
}

}  // namespace

failure seats_taken(std::vector<std::int64_t> seat_ids) {
    std::string message = "a seat was just taken";
    if (seat_ids.size() == 1) message = "seat " + join_ids(seat_ids) + " was just taken";
    if (seat_ids.size() > 1) message = "seats " + join_ids(seat_ids) + " were just taken";
    failure f(errc::seat_taken, std::move(message));
    f.seat_ids_ = std::move(seat_ids);
    return f;
}

failure sold_out(std::int64_t places_available) {
    failure f(errc::sold_out, places_available <= 0
                                  ? "this event is sold out"
                                  : "only " + std::to_string(places_available) + " places are left");
    f.places_available_ = places_available;
    return f;
}

failure seats_elsewhere(const std::vector<std::int64_t>& seat_ids) {
    return failure(errc::invalid_input, "some seats are not part of this event's venue",
                   {{"seat_ids", "not seats of this event's venue: " + join_ids(seat_ids)}});
}

api_error to_api_error(const failure& f) {
    switch (f.code()) {
        case errc::invalid_input: return errors::validation(field_details(f), f.message());
        case errc::not_found: return errors::not_found(f.message());
        case errc::forbidden: return errors::forbidden(f.message());
        // The write's late refusal reads like the catalog's: the client reloads the event either way.
        case errc::not_on_sale:
        case errc::sale_closed: return errors::conflict("not_on_sale", f.message());
        case errc::event_cancelled: return errors::conflict("event_cancelled", f.message());
        case errc::seat_taken: {
            json::array ids;
            for (auto id : f.seat_ids()) ids.push_back(id);
            return errors::conflict("seat_taken", f.message(), {{"seat_ids", std::move(ids)}});
        }
        case errc::sold_out:
            return errors::conflict("sold_out", f.message(), {{"places_available", f.places_available()}});
        case errc::hold_expired: return errors::conflict("hold_expired", f.message());
        case errc::not_held: return errors::conflict("not_held", f.message());
        case errc::already_cancelled: return errors::conflict("already_cancelled", f.message());
        case errc::idempotency_conflict: return errors::conflict("idempotency_conflict", f.message());
        case errc::idempotency_mismatch: return errors::unprocessable("idempotency_mismatch", f.message());
        case errc::capacity_below_reserved: return errors::conflict("capacity_below_reserved", f.message());
        case errc::unknown_ticket: return api_error(http::status::not_found, "unknown_ticket", f.message());
        case errc::ticket_cancelled: return errors::conflict("ticket_cancelled", f.message());
        case errc::already_checked_in: return errors::conflict("already_checked_in", f.message(), f.details());
        case errc::no_ticket: return errors::conflict("no_ticket", f.message());
        case errc::rate_limited: return errors::too_many_requests(f.retry_after(), f.message());
    }
    throw std::logic_error("reservations failure without an HTTP answer");
}

}  // namespace proeventa::reservations
