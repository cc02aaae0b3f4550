DELETE FROM auth_attempts
WHERE id = ANY($1::bigint[])
