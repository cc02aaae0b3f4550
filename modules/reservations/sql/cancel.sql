-- Cancelling a general-admission block gives its places back in the same statement. No row: the
-- reservation is missing or no longer active.
WITH c AS (
    UPDATE reservations SET status = 'cancelled', hold_expires_at = NULL, updated_at = now()
     WHERE id = $1 AND status IN ('held', 'confirmed')
    RETURNING *),
g AS (
    UPDATE ga_inventory SET taken = ga_inventory.taken - c.quantity FROM c
     WHERE ga_inventory.event_id = c.event_id AND c.seat_id IS NULL
    RETURNING 1)
SELECT id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity, status,
       price_cents, currency, hold_expires_at, created_at, updated_at, order_reference, confirmed_at
  FROM c
