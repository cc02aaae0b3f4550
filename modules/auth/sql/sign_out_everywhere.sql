-- Revokes every token of the account (they carry the old generation; see
-- migrations/0004_auth_token_generation.sql).
UPDATE users SET token_generation = token_generation + 1, updated_at = now()
WHERE id = $1 AND deleted_at IS NULL
RETURNING id
