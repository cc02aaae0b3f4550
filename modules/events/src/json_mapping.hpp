#pragma once
// Records to the JSON shapes of docs/api.md.
#include "records.hpp"

#include <proeventa/net.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>

namespace proeventa::events {

json::object to_json(const venue_record& v);
json::object to_json(const seat_record& s);
/// `places_taken`: from seat_states (0 until reservations is wired).
json::object to_json(const event_record& e, std::int64_t places_taken);

}  // namespace proeventa::events
