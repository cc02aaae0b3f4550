#pragma once
// Every statement the reservations module runs. Each is prepared once per connection.
#include <proeventa/db/query.hpp>

// A held row past its expiry is reported (and filtered) as expired even before the sweeper
// marks it.
#define PROEVENTA_EFFECTIVE_STATUS \
    "(CASE WHEN status = 'held' AND hold_expires_at <= now() THEN 'expired' ELSE status END)"
#define PROEVENTA_RESERVATION_COLUMNS                                                      \
    "id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity, " \
    PROEVENTA_EFFECTIVE_STATUS ", price_cents, currency, hold_expires_at, created_at, updated_at"

namespace proeventa::reservations::sql {

// Seats, all or nothing, in one autocommit statement. First the events module's
// event_lock_for_sale locks the event row against sale changes and says whether it is on sale
// (see events.hpp); nothing else is touched when it is not, and the insert makes no rows. Then
// holds on the requested seats that have run out are retired (the scalar subquery forces that
// CTE to finish before the insert), then one row per seat is inserted in seat order (a stable
// lock order, so concurrent multi-seat requests cannot deadlock on each other). A taken seat
// fails the whole statement with a unique violation on reservations_one_active_per_seat.
inline constexpr db::query reserve_seats{
    "reservations.reserve_seats",
    "WITH sale AS (SELECT event_lock_for_sale($1) AS open), "
    "expired AS ("
    "  UPDATE reservations SET status = 'expired', updated_at = now()"
    "  WHERE (SELECT open FROM sale) AND event_id = $1 AND seat_id = ANY($2::bigint[])"
    "    AND status = 'held' AND hold_expires_at <= now() RETURNING id) "
    "INSERT INTO reservations (event_id, user_id, seat_id, quantity, status, price_cents, currency,"
    "  event_name, event_start_time, seat_label, hold_expires_at) "
    "SELECT $1, $3, s.seat_id, 1, $4, s.price, $5, $6, $7::timestamptz, s.label,"
    "  CASE WHEN $4 = 'held' THEN now() + make_interval(secs => $8::bigint) END "
    "FROM unnest($2::bigint[], $9::bigint[], $10::text[]) AS s(seat_id, price, label) "
    "WHERE (SELECT open FROM sale) AND (SELECT count(*) FROM expired) >= 0 "
    "ORDER BY s.seat_id "
    "RETURNING " PROEVENTA_RESERVATION_COLUMNS};

inline constexpr db::query seats_taken{
    "reservations.seats_taken",
    "SELECT seat_id FROM reservations WHERE event_id = $1 AND seat_id = ANY($2::bigint[])"
    " AND (status = 'confirmed' OR (status = 'held' AND hold_expires_at > now())) ORDER BY seat_id"};

// General admission: the counter moves only if the event is on sale (its row locked first, as
// for seats, and before the counter row, the order every events transaction takes them in) and
// the places fit, in the same statement as the insert, so a reservation exists exactly when its
// places were counted.
inline constexpr db::query reserve_places{
    "reservations.reserve_places",
    "WITH sale AS (SELECT event_lock_for_sale($1) AS open), "
    "inv AS ("
    "  UPDATE ga_inventory SET taken = taken + $3"
    "  WHERE (SELECT open FROM sale) AND event_id = $1 AND taken + $3 <= capacity"
    "  RETURNING taken, capacity) "
    "INSERT INTO reservations (event_id, user_id, seat_id, quantity, status, price_cents, currency,"
    "  event_name, event_start_time, hold_expires_at) "
    "SELECT $1, $2, NULL, $3, $4, $5, $6, $7, $8::timestamptz,"
    "  CASE WHEN $4 = 'held' THEN now() + make_interval(secs => $9::bigint) END FROM inv "
    "RETURNING " PROEVENTA_RESERVATION_COLUMNS ", (SELECT capacity - taken FROM inv)"};

inline constexpr db::query create_inventory{
    "reservations.create_inventory",
    "INSERT INTO ga_inventory (event_id, capacity) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING"};

// Asked only after a write made no rows: is the event still on sale? (In a transaction the row
// then stays locked, as it would have been by the write.)
inline constexpr db::query sale_open{
    "reservations.sale_open", "SELECT event_lock_for_sale($1)"};

inline constexpr db::query inventory{
    "reservations.inventory", "SELECT capacity, taken FROM ga_inventory WHERE event_id = $1"};

// Gives back the places of this event's general-admission holds that have run out.
inline constexpr db::query release_expired_places{
    "reservations.release_expired_places",
    "WITH expired AS ("
    "  UPDATE reservations SET status = 'expired', updated_at = now()"
    "  WHERE event_id = $1 AND seat_id IS NULL AND status = 'held' AND hold_expires_at <= now()"
    "  RETURNING quantity) "
    "UPDATE ga_inventory SET taken = taken - (SELECT coalesce(sum(quantity), 0) FROM expired)"
    " WHERE event_id = $1 RETURNING capacity - taken"};

inline constexpr db::query find{
    "reservations.find",
    "SELECT " PROEVENTA_RESERVATION_COLUMNS " FROM reservations WHERE id = $1"};

inline constexpr db::query confirm{
    "reservations.confirm",
    "UPDATE reservations SET status = 'confirmed', hold_expires_at = NULL, updated_at = now()"
    " WHERE id = $1 AND status = 'held' AND hold_expires_at > now()"
    " RETURNING " PROEVENTA_RESERVATION_COLUMNS};

// Cancelling a general-admission block gives its places back in the same statement.
inline constexpr db::query cancel{
    "reservations.cancel",
    "WITH c AS ("
    "  UPDATE reservations SET status = 'cancelled', hold_expires_at = NULL, updated_at = now()"
    "  WHERE id = $1 AND status IN ('held', 'confirmed') RETURNING *), "
    "g AS (UPDATE ga_inventory SET taken = ga_inventory.taken - c.quantity FROM c"
    "  WHERE ga_inventory.event_id = c.event_id AND c.seat_id IS NULL RETURNING 1) "
    "SELECT id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,"
    " status, price_cents, currency, hold_expires_at, created_at, updated_at FROM c"};

inline constexpr db::query list_by_user{
    "reservations.list_by_user",
    "SELECT " PROEVENTA_RESERVATION_COLUMNS ", count(*) OVER () FROM reservations"
    " WHERE user_id = $1 AND ($2::text IS NULL OR"
    "   " PROEVENTA_EFFECTIVE_STATUS " = $2)"
    " ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4"};

inline constexpr db::query list_by_event{
    "reservations.list_by_event",
    "SELECT " PROEVENTA_RESERVATION_COLUMNS ", count(*) OVER () FROM reservations"
    " WHERE event_id = $1 AND ($2::text IS NULL OR"
    "   " PROEVENTA_EFFECTIVE_STATUS " = $2)"
    " ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4"};

inline constexpr db::query count_by_user{
    "reservations.count_by_user",
    "SELECT count(*) FROM reservations WHERE user_id = $1 AND ($2::text IS NULL OR"
    " " PROEVENTA_EFFECTIVE_STATUS " = $2)"};

inline constexpr db::query count_by_event{
    "reservations.count_by_event",
    "SELECT count(*) FROM reservations WHERE event_id = $1 AND ($2::text IS NULL OR"
    " " PROEVENTA_EFFECTIVE_STATUS " = $2)"};

inline constexpr db::query taken_seats{
    "reservations.taken_seats",
    "SELECT seat_id, status FROM reservations WHERE event_id = $1 AND seat_id IS NOT NULL"
    " AND status IN ('held', 'confirmed') AND (status = 'confirmed' OR hold_expires_at > now())"};

inline constexpr db::query places_taken{
    "reservations.places_taken",
    "SELECT event_id, sum(quantity)::bigint FROM reservations"
    " WHERE event_id = ANY($1::bigint[]) AND status IN ('held', 'confirmed')"
    "   AND (status = 'confirmed' OR hold_expires_at > now())"
    " GROUP BY event_id"};

// Lifecycle hooks, run inside the events module's transaction.
inline constexpr db::query cancel_event{
    "reservations.cancel_event",
    "WITH c AS (UPDATE reservations SET status = 'cancelled', hold_expires_at = NULL, updated_at = now()"
    "  WHERE event_id = $1 AND status IN ('held', 'confirmed') RETURNING 1), "
    "g AS (UPDATE ga_inventory SET taken = 0 WHERE event_id = $1 RETURNING 1) "
    "SELECT count(*) FROM c"};

inline constexpr db::query lock_inventory{
    "reservations.lock_inventory",
    "SELECT taken FROM ga_inventory WHERE event_id = $1 FOR UPDATE"};

// Seated places are locked through the event row the events module already holds; this only
// counts them.
inline constexpr db::query active_places{
    "reservations.active_places",
    "SELECT coalesce(sum(quantity), 0)::bigint FROM reservations WHERE event_id = $1"
    " AND status IN ('held', 'confirmed') AND (status = 'confirmed' OR hold_expires_at > now())"};

inline constexpr db::query set_capacity{
    "reservations.set_capacity",
    "INSERT INTO ga_inventory (event_id, capacity) VALUES ($1, $2)"
    " ON CONFLICT (event_id) DO UPDATE SET capacity = EXCLUDED.capacity"};

// Sweeper: marks a bounded batch of run-out holds and returns places to their events.
inline constexpr db::query sweep_expired{
    "reservations.sweep_expired",
    "WITH expired AS ("
    "  UPDATE reservations SET status = 'expired', updated_at = now() WHERE id IN ("
    "    SELECT id FROM reservations WHERE status = 'held' AND hold_expires_at <= now()"
    "    ORDER BY hold_expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED)"
    "  RETURNING event_id, seat_id, quantity), "
    "ga AS (SELECT event_id, sum(quantity) AS n FROM expired WHERE seat_id IS NULL GROUP BY event_id), "
    "g AS (UPDATE ga_inventory SET taken = ga_inventory.taken - ga.n FROM ga"
    "  WHERE ga_inventory.event_id = ga.event_id RETURNING 1) "
    "SELECT DISTINCT event_id FROM expired"};

inline constexpr db::query forget_old_keys{
    "reservations.forget_old_keys",
    "DELETE FROM reservation_idempotency WHERE created_at < now() - interval '24 hours'"};

// Idempotency-Key: claimed in the reserve transaction; a concurrent duplicate waits on the
// primary key until the first commits (then replays) or rolls back (then goes ahead).
inline constexpr db::query claim_key{
    "reservations.claim_key",
    "INSERT INTO reservation_idempotency (user_id, key, request_hash, status, body)"
    " VALUES ($1, $2, $3, 0, '') ON CONFLICT (user_id, key) DO NOTHING RETURNING 1"};

inline constexpr db::query find_key{
    "reservations.find_key",
    "SELECT request_hash, status, body FROM reservation_idempotency WHERE user_id = $1 AND key = $2"};

inline constexpr db::query store_key{
    "reservations.store_key",
    "UPDATE reservation_idempotency SET status = $3, body = $4 WHERE user_id = $1 AND key = $2"};

}  // namespace proeventa::reservations::sql
