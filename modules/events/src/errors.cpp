// The one place an events failure becomes an HTTP answer. The codes are part of the API: clients
// branch on them, tests check them. Change a message if you like, never a code or a status.
#include "errors.hpp"

#include <boost/json/object.hpp>

#include <stdexcept>

namespace proeventa::events {

failure invalid_input(field_problems problems) {
    std::string message = "invalid ";
    for (std::size_t i = 0; i < problems.size(); ++i) {
        if (i) message += ", ";
        message += problems[i].field;
    }
    return failure(errc::invalid_input, std::move(message), std::move(problems));
}

namespace {

json::object details_of(const failure& f) {
    json::object out;
    // The first problem of a field is the one reported, as field_reader does.
    for (const auto& p : f.details())
        if (!out.contains(p.field)) out[p.field] = p.message;
    return out;
}

}  // namespace

api_error to_api_error(const failure& f) {
    switch (f.code()) {
        case errc::invalid_input: return errors::validation(details_of(f), f.message());
        case errc::event_not_found:
        case errc::venue_not_found: return errors::not_found(f.message());
        case errc::not_allowed: return errors::forbidden(f.message());
        case errc::event_cancelled: return errors::conflict("event_cancelled", f.message());
        case errc::already_cancelled: return errors::conflict("already_cancelled", f.message());
        case errc::has_reservations: return errors::conflict("has_reservations", f.message(), details_of(f));
        case errc::capacity_below_reserved:
            return errors::conflict("capacity_below_reserved", f.message(), details_of(f));
        case errc::too_many_streams:
            return api_error(http::status::service_unavailable, "too_many_streams", f.message())
                .with_header("Retry-After", "5");
    }
    throw std::logic_error("events failure without an HTTP answer");
}

}  // namespace proeventa::events
