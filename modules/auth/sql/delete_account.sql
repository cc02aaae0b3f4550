-- Deleting an account keeps the row (reservations and orders point at it) without personal data:
-- the email becomes an address that cannot receive mail, the name goes, the password hash can
-- never match, and the token generation moves on so every token stops working at once.
UPDATE users
SET deleted_at = now(),
    email = 'deleted-' || id || '@invalid',
    full_name = '',
    password_hash = '!deleted',
    token_generation = token_generation + 1,
    updated_at = now()
WHERE id = $1 AND deleted_at IS NULL
RETURNING id
