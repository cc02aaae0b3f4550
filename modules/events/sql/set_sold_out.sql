-- The reservations module's hint (catalog::set_sold_out); no write when it already says so.
UPDATE events SET sold_out = $2 WHERE id = $1 AND sold_out IS DISTINCT FROM $2;
