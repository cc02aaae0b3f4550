-- A venue with its categories in display order; columns are venue_record's (records.hpp).
-- list_venues.sql selects the same columns.
SELECT v.id, v.name, v.address, v.timezone, v.seated, v.capacity, v.created_by, v.created_at,
       v.updated_at,
       (SELECT coalesce(json_agg(json_build_object('name', c.name, 'color', c.color) ORDER BY c.position),
                        '[]'::json)
          FROM venue_categories c
         WHERE c.venue_id = v.id) AS categories
  FROM venues v
 WHERE v.id = $1;
