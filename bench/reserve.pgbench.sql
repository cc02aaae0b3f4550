-- The server's seat-reserve statement (modules/reservations/src/queries.hpp, reserve_seats),
-- run directly by pgbench as the baseline: one distinct seat per transaction, autocommit.
\set uid random(:umin, :umax)
WITH pick AS (SELECT (:seatbase + nextval('bench_seat'))::bigint AS seat_id),
expired AS (
  UPDATE reservations SET status = 'expired', updated_at = now()
  WHERE event_id = :event AND seat_id = ANY(ARRAY[(SELECT seat_id FROM pick)]) AND status = 'held'
    AND hold_expires_at <= now() RETURNING id)
INSERT INTO reservations (event_id, user_id, seat_id, quantity, status, price_cents, currency,
  event_name, event_start_time, seat_label, hold_expires_at)
SELECT :event, :uid, s.seat_id, 1, 'confirmed', s.price, 'EUR', 'Bench Night', now() + interval '30 days', s.label, NULL
FROM unnest(ARRAY[(SELECT seat_id FROM pick)], ARRAY[2500::bigint], ARRAY['Stalls, row A, seat 1']) AS s(seat_id, price, label)
WHERE (SELECT count(*) FROM expired) >= 0
ORDER BY s.seat_id
RETURNING id, event_id, user_id, seat_id, status, created_at;
