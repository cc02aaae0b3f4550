-- One statement, so an event never exists without its prices.
-- $1 name .. $11 sales_end, $12 price categories, $13 their prices (cents), in step.
WITH e AS (
    INSERT INTO events (name, description, start_time, end_time, venue_id, organizer_id,
                        status, capacity, currency, sales_start, sales_end)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    RETURNING id
), p AS (
    INSERT INTO event_prices (event_id, category, price_cents)
    SELECT e.id, t.category, t.price_cents
      FROM e, unnest($12::text[], $13::bigint[]) AS t(category, price_cents)
)
SELECT id FROM e;
