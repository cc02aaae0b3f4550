-- Idempotency-Key: claimed in the reserve transaction; a concurrent duplicate waits on the
-- primary key until the first commits (then replays) or rolls back (then goes ahead). Only
-- successful reserves are stored, with the answer exactly as the client received it.

-- name: claim_key
INSERT INTO reservation_idempotency (user_id, key, request_hash, status, body)
VALUES ($1, $2, $3, 0, '')
    ON CONFLICT (user_id, key) DO NOTHING
RETURNING 1 AS claimed

-- name: find_key
SELECT request_hash, body AS answer FROM reservation_idempotency WHERE user_id = $1 AND key = $2

-- name: store_key
-- Only successes are stored, so status is always the 201 Created they answered.
UPDATE reservation_idempotency SET status = 201, body = $3 WHERE user_id = $1 AND key = $2
