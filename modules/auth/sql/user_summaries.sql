SELECT id, email, full_name
FROM users
WHERE id = ANY($1::bigint[])
