-- What the events module's seat maps and availability counts read (the seat_states interface).

-- name: taken_seats
SELECT seat_id, status
  FROM reservations
 WHERE event_id = $1 AND seat_id IS NOT NULL AND status IN ('held', 'confirmed')
   AND (status = 'confirmed' OR hold_expires_at > now())

-- name: places_taken
SELECT event_id, sum(quantity)::bigint AS places
  FROM reservations
 WHERE event_id = ANY($1::bigint[]) AND status IN ('held', 'confirmed')
   AND (status = 'confirmed' OR hold_expires_at > now())
 GROUP BY event_id
