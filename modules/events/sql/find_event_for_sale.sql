-- What reservations needs to sell an event (catalog::find_event), with the on-sale checks done
-- against the database clock so every instance agrees on them. Columns are sale_row's.
SELECT e.id, e.name, e.start_time, e.organizer_id, e.venue_id, e.status, v.seated,
       e.capacity, e.currency,
       coalesce((SELECT p.price_cents FROM event_prices p
                  WHERE p.event_id = e.id AND p.category = 'general'), 0) AS general_price_cents,
       e.start_time <= now() AS started,
       coalesce(e.sales_start > now(), false) AS before_sales,
       coalesce(e.sales_end <= now(), false) AS after_sales,
       e.sales_start, e.sales_end
  FROM events e
  JOIN venues v ON v.id = e.venue_id
 WHERE e.id = $1;
