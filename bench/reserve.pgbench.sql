-- The server's seat-reserve transaction, run directly by pgbench as the baseline: one distinct
-- seat per transaction, confirmed at once, so as the server does (reservation_service::write_order):
-- the order row, the reserve statement (modules/reservations/sql/reserve_seats.sql, its parameters
-- written in: :event, the one seat that pick numbers, :uid, the event's snapshot values) and the
-- confirmation mail in the outbox, in one transaction. Like the server's, the statement first
-- takes the on-sale lock (event_lock_for_sale) on the event row. The reference is drawn with
-- random() here (the server uses OpenSSL's CSPRNG); the mail bodies have the server's sizes.
\set uid random(:umin, :umax)
BEGIN;
INSERT INTO orders (reference, user_id, event_id, currency)
SELECT string_agg(substr('ACDEFGHJKMNPQRTUVWXY34679', 1 + (random() * 24)::int, 1), ''), :uid, :event, 'EUR'
  FROM generate_series(1, 8) RETURNING reference \gset
WITH pick AS (SELECT (:seatbase + nextval('bench_seat'))::bigint AS seat_id),
sale AS (SELECT event_lock_for_sale(:event) AS open),
expired AS (
    UPDATE reservations SET status = 'expired', updated_at = now()
     WHERE (SELECT open FROM sale) AND event_id = :event AND seat_id = ANY(ARRAY[(SELECT seat_id FROM pick)])
       AND status = 'held' AND hold_expires_at <= now()
    RETURNING id)
INSERT INTO reservations (event_id, user_id, seat_id, quantity, status, price_cents, currency,
                          event_name, event_start_time, seat_label, hold_expires_at, order_reference,
                          seat_category, confirmed_at)
SELECT :event, :uid, s.seat_id, 1, 'confirmed', s.price, 'EUR', 'Bench Night', now() + interval '30 days', s.label,
       CASE WHEN 'confirmed' = 'held' THEN now() + make_interval(secs => 600) END, :reference, s.category,
       CASE WHEN 'confirmed' = 'confirmed' THEN now() END
  FROM unnest(ARRAY[(SELECT seat_id FROM pick)], ARRAY[2500::bigint], ARRAY['Stalls, row A, seat 1'], ARRAY['A'])
       AS s(seat_id, price, label, category)
 WHERE (SELECT open FROM sale) AND (SELECT count(*) FROM expired) >= 0
 ORDER BY s.seat_id
RETURNING id, event_id, event_name, event_start_time, user_id, seat_id, seat_label, quantity,
          reservation_effective_status(status, hold_expires_at) AS status, price_cents, currency,
          hold_expires_at, created_at, updated_at, order_reference, confirmed_at;
INSERT INTO mail_outbox (recipient, subject, text_body, html_body)
VALUES ('buyer@bench.proeventa.test', 'Your tickets for Bench Night - booking ' || :reference, repeat('t', 400),
        repeat('h', 900));
COMMIT;
