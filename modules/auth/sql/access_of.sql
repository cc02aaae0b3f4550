-- What authenticating a request needs: one primary-key lookup per request (none while the
-- account cache holds the answer).
SELECT role, token_generation, deleted_at IS NOT NULL AS deleted
FROM users
WHERE id = $1
