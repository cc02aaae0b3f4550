-- A user's or an event's reservations, newest first, optionally of one (effective) status. Each
-- row carries the total across pages; count_by_* answers it when the page is past the end.

-- name: list_by_user
SELECT id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
       reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
       hold_expires_at, created_at, updated_at, order_reference, confirmed_at, count(*) OVER () AS total
  FROM reservations
 WHERE user_id = $1 AND ($2::text IS NULL OR reservation_effective_status(status, hold_expires_at) = $2)
 ORDER BY created_at DESC, id DESC
 LIMIT $3 OFFSET $4

-- name: list_by_event
SELECT id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
       reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
       hold_expires_at, created_at, updated_at, order_reference, confirmed_at, count(*) OVER () AS total
  FROM reservations
 WHERE event_id = $1 AND ($2::text IS NULL OR reservation_effective_status(status, hold_expires_at) = $2)
 ORDER BY created_at DESC, id DESC
 LIMIT $3 OFFSET $4

-- name: count_by_user
SELECT count(*) AS total
  FROM reservations
 WHERE user_id = $1 AND ($2::text IS NULL OR reservation_effective_status(status, hold_expires_at) = $2)

-- name: count_by_event
SELECT count(*) AS total
  FROM reservations
 WHERE event_id = $1 AND ($2::text IS NULL OR reservation_effective_status(status, hold_expires_at) = $2)
