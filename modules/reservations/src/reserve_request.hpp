#pragma once
// What a reserve asks for, and how a request body becomes it (pure: no I/O, unit-tested).
#include <boost/json/fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace proeventa::reservations {

inline constexpr std::size_t max_seats_per_request = 10;
inline constexpr std::int64_t max_places_per_request = 10;

/// Which body the client sent; the answer takes the matching shape.
enum class reserve_form { one_seat, seat_list, places };

struct reserve_request {
    std::int64_t event_id = 0;
    reserve_form form = reserve_form::one_seat;
    std::vector<std::int64_t> seat_ids;  // sorted, distinct; empty for general admission
    std::int64_t quantity = 0;           // general admission only
    bool hold = false;
    /// A canonical rendering of the request, compared on Idempotency-Key replays.
    std::string fingerprint() const;
};

/// Accepts `{event_id, seat_id}`, `{event_id, seat_ids}` or `{event_id, quantity}` and an
/// optional `hold`. Throws api_error 400 `validation_failed` naming the fields otherwise.
/// The first and last are answered with the reservation object, `seat_ids` with
/// `{"reservations": [...]}`.
reserve_request parse_reserve_request(const boost::json::object& body);

}  // namespace proeventa::reservations
