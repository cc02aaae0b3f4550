-- Upsert the new list ($2 categories, $3 cents, in step), delete what it no longer names; the
-- DELETE sees the snapshot from before the upsert, so the two never touch the same row.
WITH up AS (
    INSERT INTO event_prices (event_id, category, price_cents)
    SELECT $1, t.category, t.price_cents
      FROM unnest($2::text[], $3::bigint[]) AS t(category, price_cents)
        ON CONFLICT (event_id, category) DO UPDATE SET price_cents = EXCLUDED.price_cents
)
DELETE FROM event_prices WHERE event_id = $1 AND category <> ALL ($2::text[]);
