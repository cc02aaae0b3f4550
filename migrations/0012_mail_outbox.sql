-- Outgoing mail. A message is written here in the same transaction as the change it reports
-- (an order confirmed or cancelled), so it exists exactly when the change committed. The sender
-- (modules/mail) claims due messages with FOR UPDATE SKIP LOCKED, so several instances never send
-- one twice, and retries a failed delivery later and later (next_attempt_at).
CREATE TABLE mail_outbox (
    id              bigserial   PRIMARY KEY,
    recipient       text        NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
    subject         text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    text_body       text        NOT NULL,
    html_body       text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    sent_at         timestamptz
);
-- What the sender scans: unsent messages by due time.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
