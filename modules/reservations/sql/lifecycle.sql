-- Lifecycle hooks, run inside the events module's transactions.

-- name: cancel_event
-- Answers the reservations it cancelled, so their buyers can be told.
WITH c AS (
    UPDATE reservations SET status = 'cancelled', hold_expires_at = NULL, updated_at = now()
     WHERE event_id = $1 AND status IN ('held', 'confirmed')
    RETURNING *),
g AS (UPDATE ga_inventory SET taken = 0 WHERE event_id = $1 RETURNING 1)
SELECT id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity, status,
       price_cents, currency, hold_expires_at, created_at, updated_at, order_reference, confirmed_at
  FROM c

-- name: lock_inventory
SELECT taken FROM ga_inventory WHERE event_id = $1 FOR UPDATE

-- name: active_places
-- Seated places are locked through the event row the events module already holds; this only
-- counts them.
SELECT coalesce(sum(quantity), 0)::bigint AS places
  FROM reservations
 WHERE event_id = $1 AND status IN ('held', 'confirmed')
   AND (status = 'confirmed' OR hold_expires_at > now())

-- name: set_capacity
INSERT INTO ga_inventory (event_id, capacity) VALUES ($1, $2)
    ON CONFLICT (event_id) DO UPDATE SET capacity = EXCLUDED.capacity

-- name: cancel_future_of_user
-- An account is being deleted (in the auth module's transaction): its bookings of events still to
-- come are cancelled and their places given back; past ones stay, as the organizer's record.
WITH c AS (
    UPDATE reservations SET status = 'cancelled', hold_expires_at = NULL, updated_at = now()
     WHERE user_id = $1 AND status IN ('held', 'confirmed') AND event_start_time > now()
    RETURNING event_id, seat_id, quantity),
ga AS (SELECT event_id, sum(quantity) AS n FROM c WHERE seat_id IS NULL GROUP BY event_id),
g AS (
    UPDATE ga_inventory SET taken = ga_inventory.taken - ga.n FROM ga
     WHERE ga_inventory.event_id = ga.event_id
    RETURNING 1)
SELECT count(*) AS cancelled FROM c
