SELECT id, email, full_name, role, created_at, password_hash, token_generation
FROM users
WHERE id = $1
