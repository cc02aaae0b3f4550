-- Only while the hash is still the one verified ($2), so an upgrade on login never undoes a
-- password change that landed meanwhile. updated_at stays: the user changed nothing.
UPDATE users
SET password_hash = $3
WHERE id = $1 AND password_hash = $2
