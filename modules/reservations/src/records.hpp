#pragma once
// Rows the reservations module reads, each filled by column name (db::records): the SQL in
// sql/*.sql names its columns after these members.
#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace proeventa::reservations {

/// A reservation as the API shows it. `status` is the effective one
/// (reservation_effective_status: a hold past its expiry reads `expired`).
struct reservation_record {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::string event_name;        // snapshot taken at reserve time
    std::string event_start_time;  // RFC 3339
    std::int64_t user_id = 0;
    std::optional<std::int64_t> seat_id;     // null for general admission
    std::optional<std::string> seat_label;
    std::int64_t quantity = 1;
    std::string status;  // held | confirmed | cancelled | expired
    std::int64_t price_cents = 0;
    std::string currency;
    std::optional<std::string> hold_expires_at;
    std::string created_at;
    std::string updated_at;
};
BOOST_DESCRIBE_STRUCT(reservation_record, (),
                      (id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
                       status, price_cents, currency, hold_expires_at, created_at, updated_at))

/// The size of a paged list, carried by each of its rows (`count(*) OVER () AS total`) or
/// counted on its own.
struct list_total {
    std::int64_t total = 0;
};
BOOST_DESCRIBE_STRUCT(list_total, (), (total))

struct inventory_record {
    std::int64_t capacity = 0;
    std::int64_t taken = 0;
};
BOOST_DESCRIBE_STRUCT(inventory_record, (), (capacity, taken))

struct sale_state {
    bool open = false;
};
BOOST_DESCRIBE_STRUCT(sale_state, (), (open))

struct seat_id_record {
    std::int64_t seat_id = 0;
};
BOOST_DESCRIBE_STRUCT(seat_id_record, (), (seat_id))

/// A seat someone holds or bought (`status`: held | confirmed).
struct seat_status_record {
    std::int64_t seat_id = 0;
    std::string status;
};
BOOST_DESCRIBE_STRUCT(seat_status_record, (), (seat_id, status))

struct event_places {
    std::int64_t event_id = 0;
    std::int64_t places = 0;
};
BOOST_DESCRIBE_STRUCT(event_places, (), (event_id, places))

struct places_record {
    std::int64_t places = 0;
};
BOOST_DESCRIBE_STRUCT(places_record, (), (places))

struct cancelled_count {
    std::int64_t cancelled = 0;
};
BOOST_DESCRIBE_STRUCT(cancelled_count, (), (cancelled))

struct event_id_record {
    std::int64_t event_id = 0;
};
BOOST_DESCRIBE_STRUCT(event_id_record, (), (event_id))

/// A claimed Idempotency-Key: the request it was first used with and the answer it got.
struct stored_answer {
    std::string request_hash;
    std::string answer;
};
BOOST_DESCRIBE_STRUCT(stored_answer, (), (request_hash, answer))

}  // namespace proeventa::reservations
