#pragma once
// A reservations row (PROEVENTA_RESERVATION_COLUMNS order) as the API's JSON object.
#include <proeventa/db/result.hpp>

#include <boost/json/object.hpp>

namespace proeventa::reservations {

/// Column positions of PROEVENTA_RESERVATION_COLUMNS.
namespace col {
inline constexpr int id = 0, event_id = 1, event_name = 2, event_start_time = 3, user_id = 4,
                     seat_id = 5, seat_label = 6, quantity = 7, status = 8, price_cents = 9,
                     currency = 10, hold_expires_at = 11, created_at = 12, updated_at = 13,
                     count = 14;  // first column after the standard ones
}

boost::json::object reservation_to_json(const db::row& r);

}  // namespace proeventa::reservations
