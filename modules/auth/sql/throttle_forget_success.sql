-- A right password: the account's ($1 kind, $2 key) failures and the address's attempt ($3) go.
DELETE FROM auth_attempts
WHERE (kind = $1 AND key = $2) OR id = $3
