-- Orders (migrations/0009_orders.sql): one per successful reserve request.

-- name: create_order
-- No row: the reference is taken already (the caller draws another); the transaction stays usable.
INSERT INTO orders (reference, user_id, event_id, currency) VALUES ($1, $2, $3, $4)
    ON CONFLICT (reference) DO NOTHING
RETURNING reference

-- name: find_order
SELECT reference, user_id, event_id, currency, created_at, event_name, event_start_time, positions,
       total_cents, status
  FROM order_summaries
 WHERE reference = $1

-- name: list_orders_by_user
SELECT reference, user_id, event_id, currency, created_at, event_name, event_start_time, positions,
       total_cents, status, count(*) OVER () AS total
  FROM order_summaries
 WHERE user_id = $1
 ORDER BY created_at DESC, reference
 LIMIT $2 OFFSET $3

-- name: count_orders_by_user
SELECT count(*) AS total FROM orders WHERE user_id = $1

-- name: order_positions
-- The positions of the orders named in $1, in seat order within each order.
SELECT id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
       reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
       hold_expires_at, created_at, updated_at, order_reference, confirmed_at
  FROM reservations
 WHERE order_reference = ANY($1::text[])
 ORDER BY order_reference, seat_label NULLS FIRST, id

-- name: lock_order
-- Confirmations of one order's positions take turns, so exactly one of them sees the last hold
-- go and writes the confirmation mail.
SELECT reference FROM orders WHERE reference = $1 FOR UPDATE

-- name: holds_left
SELECT count(*) AS total
  FROM reservations
 WHERE order_reference = $1 AND status = 'held' AND hold_expires_at > now()
