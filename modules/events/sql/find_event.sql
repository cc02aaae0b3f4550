-- One event with its venue's name, time zone and kind, and its prices in the order of the
-- venue's categories (general admission has one). The columns are named after event_record's
-- members (records.hpp). list_events.sql selects the same columns: the statements that read an
-- event sit in these two files, so a column added to one is seen next to the others.

-- name: find_event
SELECT e.id, e.name, e.description, e.start_time, e.end_time, e.venue_id,
       v.name AS venue_name, v.timezone AS venue_timezone, v.seated AS venue_seated,
       e.status, e.capacity, e.currency, e.organizer_id, e.sales_start, e.sales_end, e.sold_out,
       e.created_at, e.updated_at,
       (SELECT coalesce(json_agg(json_build_object('category', p.category, 'price_cents', p.price_cents)
                                 ORDER BY c.position NULLS LAST, p.category), '[]'::json)
          FROM event_prices p
          LEFT JOIN venue_categories c ON c.venue_id = e.venue_id AND c.name = p.category
         WHERE p.event_id = e.id) AS prices
  FROM events e
  JOIN venues v ON v.id = e.venue_id
 WHERE e.id = $1;

-- name: lock_event
-- The first statement of every transaction that changes an event, so concurrent edits,
-- cancellation and the reservations module's capacity checks see one order of changes. Only the
-- event row is locked (OF e): its venue stays free for other events' changes.
SELECT e.id, e.name, e.description, e.start_time, e.end_time, e.venue_id,
       v.name AS venue_name, v.timezone AS venue_timezone, v.seated AS venue_seated,
       e.status, e.capacity, e.currency, e.organizer_id, e.sales_start, e.sales_end, e.sold_out,
       e.created_at, e.updated_at,
       (SELECT coalesce(json_agg(json_build_object('category', p.category, 'price_cents', p.price_cents)
                                 ORDER BY c.position NULLS LAST, p.category), '[]'::json)
          FROM event_prices p
          LEFT JOIN venue_categories c ON c.venue_id = e.venue_id AND c.name = p.category
         WHERE p.event_id = e.id) AS prices
  FROM events e
  JOIN venues v ON v.id = e.venue_id
 WHERE e.id = $1
   FOR UPDATE OF e;
