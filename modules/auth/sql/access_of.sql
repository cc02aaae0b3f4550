-- What authenticating a request needs: one primary-key lookup per request.
SELECT role, token_generation
FROM users
WHERE id = $1
