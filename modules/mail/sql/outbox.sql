-- The outbox (migrations/0012_mail_outbox.sql).

-- name: enqueue
INSERT INTO mail_outbox (recipient, subject, text_body, html_body) VALUES ($1, $2, $3, $4)

-- name: claim_due
-- Takes up to $1 due messages for this sender and pushes their next attempt $2 seconds away (the
-- lease): another instance skips the rows while this statement holds them (SKIP LOCKED) and finds
-- them not due afterwards. A sender that dies mid-delivery leaves them to be retried when the
-- lease runs out.
UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $2::bigint), attempts = attempts + 1
 WHERE id IN (SELECT id FROM mail_outbox
               WHERE sent_at IS NULL AND next_attempt_at <= now()
               ORDER BY next_attempt_at, id
               LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING id, recipient, subject, text_body, html_body, attempts

-- name: mark_sent
UPDATE mail_outbox SET sent_at = now(), last_error = NULL WHERE id = $1 AND sent_at IS NULL

-- name: retry_later
UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $2::bigint), last_error = $3
 WHERE id = $1 AND sent_at IS NULL

-- name: count_pending
SELECT count(*) AS pending FROM mail_outbox WHERE sent_at IS NULL
