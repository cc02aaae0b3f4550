-- The background sweeper.

-- name: sweep_expired
-- Marks a bounded batch of run-out holds and returns their places to their events; answers the
-- events touched.
WITH expired AS (
    UPDATE reservations SET status = 'expired', updated_at = now()
     WHERE id IN (SELECT id FROM reservations
                   WHERE status = 'held' AND hold_expires_at <= now()
                   ORDER BY hold_expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
    RETURNING event_id, seat_id, quantity),
ga AS (SELECT event_id, sum(quantity) AS n FROM expired WHERE seat_id IS NULL GROUP BY event_id),
g AS (
    UPDATE ga_inventory SET taken = ga_inventory.taken - ga.n FROM ga
     WHERE ga_inventory.event_id = ga.event_id
    RETURNING 1)
SELECT DISTINCT event_id FROM expired

-- name: forget_old_keys
DELETE FROM reservation_idempotency WHERE created_at < now() - interval '24 hours'
