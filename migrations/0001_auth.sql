-- The auth module's tables: accounts, and the attempt log that login/sign-up throttling
-- counts (shared by every instance, so the limits hold behind a load balancer).

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash text NOT NULL,
    full_name     text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    role          text NOT NULL DEFAULT 'customer'
                  CHECK (role IN ('customer', 'organizer', 'admin')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Case-insensitive uniqueness; lookups use lower(email) so they hit this index.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- One row per counted attempt. kind: login_address | login_email | signup_address.
-- Rows older than the longest window are swept by the application.
CREATE TABLE auth_attempts (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL,
    key          text NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_attempts_key_time ON auth_attempts (kind, key, attempted_at DESC);
CREATE INDEX auth_attempts_time ON auth_attempts (attempted_at);
