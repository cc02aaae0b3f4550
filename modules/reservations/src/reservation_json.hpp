#pragma once
// Reservations as the API's JSON (docs/api.md, "Reservations").
#include "reservation_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace proeventa::reservations {

boost::json::object to_json(const reservation_record& r);
/// The reservation with `customer`: id, email and full_name, or null once the account is gone.
boost::json::object to_json(const event_reservation& r);

/// What a reserve answers, serialized: the original API answered the reservation itself for one
/// seat or one block of places; the `seat_ids` form answers `{"reservations": [...]}`. Also what
/// an Idempotency-Key stores and replays, so both answers are the same bytes.
std::string reserve_answer(const std::vector<reservation_record>& made, reserve_form form);

}  // namespace proeventa::reservations
