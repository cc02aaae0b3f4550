-- The seats among $2 that belong to event $1's venue, with their price (catalog::find_seats).
SELECT s.id, s.label, s.category, coalesce(p.price_cents, 0) AS price_cents
  FROM events e
  JOIN seats s ON s.venue_id = e.venue_id
  LEFT JOIN event_prices p ON p.event_id = e.id AND p.category = s.category
 WHERE e.id = $1 AND s.id = ANY ($2::bigint[])
 ORDER BY s.id;
