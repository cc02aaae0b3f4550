-- $1 is normalised already (account_rules.cpp); lower() on both sides matches the unique index.
SELECT id, email, full_name, role, created_at, password_hash, token_generation
FROM users
WHERE lower(email) = lower($1)
