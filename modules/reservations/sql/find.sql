SELECT id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
       reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
       hold_expires_at, created_at, updated_at, order_reference, confirmed_at
  FROM reservations
 WHERE id = $1
