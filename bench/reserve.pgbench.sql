-- The server's seat-reserve statement (modules/reservations/sql/reserve_seats.sql), run directly
-- by pgbench as the baseline: one distinct seat per transaction, autocommit. The same text with
-- its parameters written in: $1 :event, $2 the one seat that pick numbers, $3 :uid, a confirmed
-- (not held) reservation, and the event's snapshot values. Like the server's, it first takes the
-- on-sale lock (event_lock_for_sale) on the event row.
\set uid random(:umin, :umax)
WITH pick AS (SELECT (:seatbase + nextval('bench_seat'))::bigint AS seat_id),
sale AS (SELECT event_lock_for_sale(:event) AS open),
expired AS (
    UPDATE reservations SET status = 'expired', updated_at = now()
     WHERE (SELECT open FROM sale) AND event_id = :event AND seat_id = ANY(ARRAY[(SELECT seat_id FROM pick)])
       AND status = 'held' AND hold_expires_at <= now()
    RETURNING id)
INSERT INTO reservations (event_id, user_id, seat_id, quantity, status, price_cents, currency,
                          event_name, event_start_time, seat_label, hold_expires_at)
SELECT :event, :uid, s.seat_id, 1, 'confirmed', s.price, 'EUR', 'Bench Night', now() + interval '30 days', s.label,
       CASE WHEN 'confirmed' = 'held' THEN now() + make_interval(secs => 600) END
  FROM unnest(ARRAY[(SELECT seat_id FROM pick)], ARRAY[2500::bigint], ARRAY['Stalls, row A, seat 1']) AS s(seat_id, price, label)
 WHERE (SELECT open FROM sale) AND (SELECT count(*) FROM expired) >= 0
 ORDER BY s.seat_id
RETURNING id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
          reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
          hold_expires_at, created_at, updated_at;
