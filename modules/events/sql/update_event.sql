-- Every writable field; $12: a new sold_out hint when the capacity changed (NULL keeps it).
UPDATE events
   SET name = $2, description = $3, start_time = $4, end_time = $5, venue_id = $6, status = $7,
       capacity = $8, currency = $9, sales_start = $10, sales_end = $11,
       sold_out = coalesce($12::boolean, sold_out), updated_at = now()
 WHERE id = $1;
