#pragma once
// Rows to records and records to the JSON shapes of docs/api.md. Column orders match the
// statements in event_queries.hpp and venue_queries.hpp.
#include "model.hpp"

#include <proeventa/db/result.hpp>
#include <proeventa/net.hpp>

#include <boost/json/object.hpp>

#include <optional>

namespace proeventa::events {

event_record event_from_row(const db::row& r);
venue_record venue_from_row(const db::row& r);
seat_record seat_from_row(const db::row& r);

json::object venue_to_json(const venue_record& v);
json::object seat_to_json(const seat_record& s);
/// `places_taken`: from seat_states (0 until reservations is wired).
json::object event_to_json(const event_record& e, std::int64_t places_taken);

/// Seat coordinates: whole numbers as integers (`3`, not `3E0`), others as they are.
json::value coordinate(double v);

}  // namespace proeventa::events
