-- A full name is optional at sign-up, as it was in the original API: an account without one
-- stores the empty string, so every reader keeps getting a string (never NULL).
ALTER TABLE users DROP CONSTRAINT users_full_name_check,
                  ADD CONSTRAINT users_full_name_check CHECK (length(full_name) <= 200);
