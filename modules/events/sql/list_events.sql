-- The event list (GET /events/events): one statement per sort order, and the count that feeds
-- X-Total-Count. They share one filter, written out in each on purpose.
--
-- Filters are NULL-able parameters (`$n IS NULL OR ...`). PostgreSQL plans a prepared statement
-- with its actual parameters for the first executions and keeps doing so while that is cheaper
-- than a generic plan; with the parameters as constants the untaken branches fold away and the
-- indexes of 0002_events.sql apply. That needs every condition to stand on `events` itself,
-- in the statement (a view or function around it would leave index use to inlining rules);
-- tests/integration/events_explain_test.cpp checks the plans of these exact statements.
--
-- $1 search text (websearch syntax), $2 from, $3 to, $4 venue_id, $5 organizer_id, $6 status,
-- $7 available only, $8 the viewer (sees own drafts), $9 viewer is admin (sees everything),
-- $10 limit, $11 offset. Without a status filter people see published events; with one they
-- may also see cancelled ones. Drafts stay with their organizer and admins.
-- The columns are find_event's (find_event.sql).

-- name: list_events_by_start
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
 WHERE ($1::text IS NULL OR e.search @@ websearch_to_tsquery('simple', $1))
   AND ($2::timestamptz IS NULL OR e.start_time >= $2)
   AND ($3::timestamptz IS NULL OR e.start_time <= $3)
   AND ($4::bigint IS NULL OR e.venue_id = $4)
   AND ($5::bigint IS NULL OR e.organizer_id = $5)
   AND ($6::text IS NULL OR e.status = $6)
   AND (NOT $7::boolean OR (e.status = 'published' AND NOT e.sold_out))
   AND (e.status = 'published' OR $9::boolean
        OR ($6::text IS NOT NULL AND e.status <> 'draft')
        OR ($8::bigint IS NOT NULL AND e.status = 'draft' AND e.organizer_id = $8))
 ORDER BY e.start_time, e.id
 LIMIT $10 OFFSET $11;

-- name: list_events_by_start_desc
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
 WHERE ($1::text IS NULL OR e.search @@ websearch_to_tsquery('simple', $1))
   AND ($2::timestamptz IS NULL OR e.start_time >= $2)
   AND ($3::timestamptz IS NULL OR e.start_time <= $3)
   AND ($4::bigint IS NULL OR e.venue_id = $4)
   AND ($5::bigint IS NULL OR e.organizer_id = $5)
   AND ($6::text IS NULL OR e.status = $6)
   AND (NOT $7::boolean OR (e.status = 'published' AND NOT e.sold_out))
   AND (e.status = 'published' OR $9::boolean
        OR ($6::text IS NOT NULL AND e.status <> 'draft')
        OR ($8::bigint IS NOT NULL AND e.status = 'draft' AND e.organizer_id = $8))
 ORDER BY e.start_time DESC, e.id DESC
 LIMIT $10 OFFSET $11;

-- name: list_events_by_name
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
 WHERE ($1::text IS NULL OR e.search @@ websearch_to_tsquery('simple', $1))
   AND ($2::timestamptz IS NULL OR e.start_time >= $2)
   AND ($3::timestamptz IS NULL OR e.start_time <= $3)
   AND ($4::bigint IS NULL OR e.venue_id = $4)
   AND ($5::bigint IS NULL OR e.organizer_id = $5)
   AND ($6::text IS NULL OR e.status = $6)
   AND (NOT $7::boolean OR (e.status = 'published' AND NOT e.sold_out))
   AND (e.status = 'published' OR $9::boolean
        OR ($6::text IS NOT NULL AND e.status <> 'draft')
        OR ($8::bigint IS NOT NULL AND e.status = 'draft' AND e.organizer_id = $8))
 ORDER BY e.name, e.id
 LIMIT $10 OFFSET $11;

-- name: count_events
-- $1..$9 as above. No join: every event has its venue.
SELECT count(*) AS total
  FROM events e
 WHERE ($1::text IS NULL OR e.search @@ websearch_to_tsquery('simple', $1))
   AND ($2::timestamptz IS NULL OR e.start_time >= $2)
   AND ($3::timestamptz IS NULL OR e.start_time <= $3)
   AND ($4::bigint IS NULL OR e.venue_id = $4)
   AND ($5::bigint IS NULL OR e.organizer_id = $5)
   AND ($6::text IS NULL OR e.status = $6)
   AND (NOT $7::boolean OR (e.status = 'published' AND NOT e.sold_out))
   AND (e.status = 'published' OR $9::boolean
        OR ($6::text IS NOT NULL AND e.status <> 'draft')
        OR ($8::bigint IS NOT NULL AND e.status = 'draft' AND e.organizer_id = $8));
