-- Door check-ins (migrations/0011_checkins.sql).

-- name: check_in
-- Lets the ticket in if it is this event's, of this version, confirmed and not in yet; the
-- primary key makes one of any number of concurrent scans win. No row: see find_ticket for why.
INSERT INTO checkins (reservation_id, event_id, ticket_version, checked_in_by)
SELECT id, event_id, ticket_version, $4
  FROM reservations
 WHERE id = $1 AND event_id = $2 AND ticket_version = $3 AND status = 'confirmed'
    ON CONFLICT (reservation_id) DO NOTHING
RETURNING checked_in_at

-- name: checkin_summary
-- Confirmed places and those in, per price category (general admission: 'general').
SELECT coalesce(r.seat_category, 'general') AS category,
       sum(r.quantity)::bigint AS total,
       coalesce(sum(r.quantity) FILTER (WHERE c.reservation_id IS NOT NULL), 0)::bigint AS checked_in
  FROM reservations r
  LEFT JOIN checkins c ON c.reservation_id = r.id
 WHERE r.event_id = $1 AND r.status = 'confirmed'
 GROUP BY 1
 ORDER BY 1
