-- GET /events/venues: $1 limit, $2 offset. Columns as find_venue.sql's.
-- name: list_venues
SELECT v.id, v.name, v.address, v.timezone, v.seated, v.capacity, v.created_by, v.created_at,
       v.updated_at,
       (SELECT coalesce(json_agg(json_build_object('name', c.name, 'color', c.color) ORDER BY c.position),
                        '[]'::json)
          FROM venue_categories c
         WHERE c.venue_id = v.id) AS categories
  FROM venues v
 ORDER BY v.name, v.id
 LIMIT $1 OFFSET $2;

-- name: count_venues
SELECT count(*) AS total FROM venues;
