-- After a seat insert failed: which of the requested seats someone holds or bought.
SELECT seat_id
  FROM reservations
 WHERE event_id = $1 AND seat_id = ANY($2::bigint[])
   AND (status = 'confirmed' OR (status = 'held' AND hold_expires_at > now()))
 ORDER BY seat_id
