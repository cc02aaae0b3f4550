-- General admission: the counter moves only if the event is on sale (its row locked first, as
-- for seats, and before the counter row, the order every events transaction takes them in) and
-- the places fit, in the same statement as the insert, so a reservation exists exactly when its
-- places were counted. No row: no counter yet, not enough places, or not on sale.
-- $1 event, $2 user, $3 quantity, $4 status (held | confirmed), $5 price per place,
-- $6 currency, $7 event name, $8 event start, $9 hold seconds, $10 the order's reference.
WITH sale AS (SELECT event_lock_for_sale($1) AS open),
inv AS (
    UPDATE ga_inventory SET taken = taken + $3
     WHERE (SELECT open FROM sale) AND event_id = $1 AND taken + $3 <= capacity
    RETURNING taken, capacity)
INSERT INTO reservations (event_id, user_id, seat_id, quantity, status, price_cents, currency,
                          event_name, event_start_time, hold_expires_at, order_reference, confirmed_at)
SELECT $1, $2, NULL, $3, $4, $5, $6, $7, $8::timestamptz,
       CASE WHEN $4 = 'held' THEN now() + make_interval(secs => $9::bigint) END, $10,
       CASE WHEN $4 = 'confirmed' THEN now() END
  FROM inv
RETURNING id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
          reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
          hold_expires_at, created_at, updated_at, order_reference, confirmed_at
