-- Seats, all or nothing, in one statement. First the events module's event_lock_for_sale locks
-- the event row against sale changes and says whether it is on sale (see events.hpp); nothing
-- else is touched when it is not, and the insert makes no rows. Then holds on the requested seats
-- that have run out are retired (the scalar subquery forces that CTE to finish before the
-- insert), then one row per seat is inserted in seat order (a stable lock order, so concurrent
-- multi-seat requests cannot deadlock on each other). A taken seat fails the whole statement
-- with a unique violation on reservations_one_active_per_seat.
-- $1 event, $2 seat ids, $3 user, $4 status (held | confirmed), $5 currency, $6 event name,
-- $7 event start, $8 hold seconds, $9 seat prices, $10 seat labels, $12 seat categories (in the
-- order of $2), $11 the order's reference (inserted by the caller in the same transaction).
-- bench/reserve.pgbench.sql runs this same statement (in the same transaction) directly: keep the two alike.
WITH sale AS (SELECT event_lock_for_sale($1) AS open),
expired AS (
    UPDATE reservations SET status = 'expired', updated_at = now()
     WHERE (SELECT open FROM sale) AND event_id = $1 AND seat_id = ANY($2::bigint[])
       AND status = 'held' AND hold_expires_at <= now()
    RETURNING id)
INSERT INTO reservations (event_id, user_id, seat_id, quantity, status, price_cents, currency,
                          event_name, event_start_time, seat_label, hold_expires_at, order_reference,
                          seat_category, confirmed_at)
SELECT $1, $3, s.seat_id, 1, $4, s.price, $5, $6, $7::timestamptz, s.label,
       CASE WHEN $4 = 'held' THEN now() + make_interval(secs => $8::bigint) END, $11, s.category,
       CASE WHEN $4 = 'confirmed' THEN now() END
  FROM unnest($2::bigint[], $9::bigint[], $10::text[], $12::text[]) AS s(seat_id, price, label, category)
 WHERE (SELECT open FROM sale) AND (SELECT count(*) FROM expired) >= 0
 ORDER BY s.seat_id
RETURNING id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
          reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
          hold_expires_at, created_at, updated_at, order_reference, confirmed_at
