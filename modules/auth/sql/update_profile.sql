-- NULL leaves a field as it is. A new password hash moves the token generation on, which
-- revokes every token issued before it (migrations/0004_auth_token_generation.sql).
UPDATE users
SET full_name = COALESCE($2, full_name),
    password_hash = COALESCE($3, password_hash),
    token_generation = token_generation + CASE WHEN $3::text IS NULL THEN 0 ELSE 1 END,
    updated_at = now()
WHERE id = $1
RETURNING id, email, full_name, role, created_at, password_hash, token_generation
