-- Orders: one successful reserve request is one order, named by a booking reference people can
-- read over the phone. Its positions are the reservations it made; its status and total are
-- read from them (sql/orders.sql), so they can never disagree with the positions.
-- The reference is the key: it is what the buyer quotes, what a reservation names and what the
-- order routes look up. Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L,
-- 2/Z, 5/S, 8/B), drawn by the server from the CSPRNG, so one order's reference says nothing
-- about another's.
CREATE TABLE orders (
    reference  char(8)     PRIMARY KEY CHECK (reference ~ '^[ACDEFGHJKMNPQRTUVWXY34679]{8}$'),
    user_id    bigint      NOT NULL REFERENCES users (id),
    event_id   bigint      NOT NULL REFERENCES events (id),
    currency   char(3)     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC);
CREATE INDEX orders_by_event ON orders (event_id, created_at DESC);

ALTER TABLE reservations ADD COLUMN order_reference char(8) REFERENCES orders (reference);
-- When the reservation was bought (confirmed at once or from a hold); NULL for a hold that was
-- released or ran out, so a cancelled ticket and a hold let go can be told apart. Rows older
-- than this column: confirmed ones count as bought when last changed; cancelled ones cannot be
-- told apart any more and stay NULL.
ALTER TABLE reservations ADD COLUMN confirmed_at timestamptz;
UPDATE reservations SET confirmed_at = updated_at WHERE status = 'confirmed';
CREATE INDEX reservations_by_order ON reservations (order_reference);

-- Reservations made before orders existed: the rows one reserve request wrote share user, event
-- and created_at (now() is the transaction's start), so each such group becomes one order.
-- Their references come from gen_random_uuid()'s random bytes; the CHECK above holds them to the
-- same alphabet.
CREATE FUNCTION pg_temp.legacy_reference() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT string_agg(substr('ACDEFGHJKMNPQRTUVWXY34679', 1 + get_byte(b, i) % 25, 1), '' ORDER BY i)
      FROM (SELECT uuid_send(gen_random_uuid()) AS b) r, generate_series(0, 7) AS i
$$;
CREATE TEMPORARY TABLE legacy_orders ON COMMIT DROP AS
SELECT pg_temp.legacy_reference() AS reference, user_id, event_id, min(currency) AS currency, created_at
  FROM reservations
 GROUP BY user_id, event_id, created_at;
INSERT INTO orders (reference, user_id, event_id, currency, created_at)
SELECT reference, user_id, event_id, currency, created_at FROM legacy_orders;
UPDATE reservations r SET order_reference = l.reference
  FROM legacy_orders l
 WHERE r.user_id = l.user_id AND r.event_id = l.event_id AND r.created_at = l.created_at;

-- An order as the API shows it: its status follows its positions (effective statuses, so a hold
-- past its expiry counts as expired at once). All confirmed: confirmed; any still held: held;
-- some confirmed, the others cancelled or expired: partly_cancelled; none left: cancelled if any
-- was ever bought, else expired if every hold ran out, else released (holds let go).
-- total_cents is what the held and confirmed positions cost.
CREATE VIEW order_summaries AS
SELECT o.reference, o.user_id, o.event_id, o.currency, o.created_at,
       min(p.event_name) AS event_name, min(p.event_start_time) AS event_start_time,
       count(*) AS positions,
       coalesce(sum(p.price_cents * p.quantity) FILTER (WHERE p.state IN ('held', 'confirmed')), 0)::bigint
           AS total_cents,
       CASE WHEN count(*) FILTER (WHERE p.state = 'confirmed') = count(*) THEN 'confirmed'
            WHEN count(*) FILTER (WHERE p.state = 'held') > 0 THEN 'held'
            WHEN count(*) FILTER (WHERE p.state = 'confirmed') > 0 THEN 'partly_cancelled'
            WHEN count(*) FILTER (WHERE p.confirmed_at IS NOT NULL) > 0 THEN 'cancelled'
            WHEN count(*) FILTER (WHERE p.state = 'expired') = count(*) THEN 'expired'
            ELSE 'released' END AS status
  FROM orders o
  JOIN (SELECT r.order_reference, r.event_name, r.event_start_time, r.price_cents, r.quantity, r.confirmed_at,
               reservation_effective_status(r.status, r.hold_expires_at) AS state
          FROM reservations r) p ON p.order_reference = o.reference
 GROUP BY o.reference, o.user_id, o.event_id, o.currency, o.created_at;
