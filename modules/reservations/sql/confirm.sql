-- A hold becomes confirmed only while it has not run out. No row: missing, not held, or expired.
UPDATE reservations SET status = 'confirmed', hold_expires_at = NULL, confirmed_at = now(), updated_at = now()
 WHERE id = $1 AND status = 'held' AND hold_expires_at > now()
RETURNING id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
          reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
          hold_expires_at, created_at, updated_at, order_reference, confirmed_at
