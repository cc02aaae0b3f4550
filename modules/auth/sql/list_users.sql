-- One round trip for the page and its total; the LEFT JOIN keeps the total (with NULL user
-- columns) when the page is past the end. $1 is a LIKE pattern the caller escaped, or NULL.
SELECT c.total, u.id, u.email, u.full_name, u.role, u.created_at, u.password_hash, u.token_generation
FROM (SELECT count(*) AS total FROM users
      WHERE $1::text IS NULL OR email ILIKE $1 OR full_name ILIKE $1) c
LEFT JOIN LATERAL (
      SELECT id, email, full_name, role, created_at, password_hash, token_generation FROM users
      WHERE $1::text IS NULL OR email ILIKE $1 OR full_name ILIKE $1
      ORDER BY id LIMIT $2 OFFSET $3) u ON true
ORDER BY u.id
