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
    std::optional<std::string> order_reference;  // null only for rows older than orders
    std::optional<std::string> confirmed_at;     // when it was bought; null for holds never bought
};
BOOST_DESCRIBE_STRUCT(reservation_record, (),
                      (id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
                       status, price_cents, currency, hold_expires_at, created_at, updated_at, order_reference,
                       confirmed_at))

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

/// An order as the order_summaries view shows it (migrations/0009_orders.sql).
struct order_record {
    std::string reference;
    std::int64_t user_id = 0;
    std::int64_t event_id = 0;
    std::string currency;
    std::string created_at;
    std::string event_name;
    std::string event_start_time;
    std::int64_t positions = 0;
    std::int64_t total_cents = 0;
    std::string status;  // held | confirmed | partly_cancelled | cancelled | expired | released
};
BOOST_DESCRIBE_STRUCT(order_record, (),
                      (reference, user_id, event_id, currency, created_at, event_name, event_start_time, positions,
                       total_cents, status))

struct reference_record {
    std::string reference;
};
BOOST_DESCRIBE_STRUCT(reference_record, (), (reference))

/// An event's Ed25519 key pair, raw 32-byte keys in hex.
struct ticket_key_record {
    std::string public_key;
    std::string private_key;
};
BOOST_DESCRIBE_STRUCT(ticket_key_record, (), (public_key, private_key))

/// A reservation as a ticket: what the ticket page, the QR code and the door need.
struct ticket_record {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::int64_t user_id = 0;
    std::string status;  // effective
    std::optional<std::string> seat_label;
    std::optional<std::string> seat_category;
    std::int64_t quantity = 1;
    std::int64_t ticket_version = 1;
    std::optional<std::string> order_reference;
    std::string event_name;
    std::string event_start_time;
    std::optional<std::string> checked_in_at;
    std::optional<std::int64_t> checked_in_by;
};
BOOST_DESCRIBE_STRUCT(ticket_record, (),
                      (id, event_id, user_id, status, seat_label, seat_category, quantity, ticket_version,
                       order_reference, event_name, event_start_time, checked_in_at, checked_in_by))

struct ticket_version_record {
    std::int64_t ticket_version = 0;
};
BOOST_DESCRIBE_STRUCT(ticket_version_record, (), (ticket_version))

struct checkin_time {
    std::string checked_in_at;
};
BOOST_DESCRIBE_STRUCT(checkin_time, (), (checked_in_at))

/// Confirmed places of one price category and how many of them are in.
struct category_count {
    std::string category;
    std::int64_t total = 0;
    std::int64_t checked_in = 0;
};
BOOST_DESCRIBE_STRUCT(category_count, (), (category, total, checked_in))

}  // namespace proeventa::reservations
