-- Tickets: each event's Ed25519 key pair (migrations/0010_tickets.sql) and the ticket of a
-- confirmed reservation.

-- name: find_ticket_key
SELECT encode(public_key, 'hex') AS public_key, encode(private_key, 'hex') AS private_key
  FROM event_ticket_keys
 WHERE event_id = $1

-- name: insert_ticket_key
-- Written once: a concurrent first request loses here and reads the winner's key.
INSERT INTO event_ticket_keys (event_id, public_key, private_key) VALUES ($1, decode($2, 'hex'), decode($3, 'hex'))
    ON CONFLICT (event_id) DO NOTHING

-- name: find_ticket
SELECT r.id, r.event_id, r.user_id, reservation_effective_status(r.status, r.hold_expires_at) AS status,
       r.seat_label, r.seat_category, r.quantity, r.ticket_version, r.order_reference, r.event_name,
       r.event_start_time, c.checked_in_at, c.checked_in_by
  FROM reservations r
  LEFT JOIN checkins c ON c.reservation_id = r.id
 WHERE r.id = $1

-- name: reissue_ticket
-- A new version: the code printed before stops opening the door.
UPDATE reservations SET ticket_version = ticket_version + 1, updated_at = now()
 WHERE id = $1 AND status = 'confirmed'
RETURNING ticket_version
