UPDATE users
SET role = $2, updated_at = now()
WHERE id = $1
RETURNING id, email, full_name, role, created_at, password_hash, token_generation
