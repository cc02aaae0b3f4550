-- Access tokens carry the account's token generation (claim `gen`); changing the password moves
-- it on, so every token issued before the change stops working at once, on every instance.
ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;
