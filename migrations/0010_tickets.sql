-- Tickets: every confirmed reservation is a ticket whose code is signed with its event's
-- Ed25519 key, so a door scanner holding only the public key can check it offline.
--
-- How the private keys are kept: in this table, one row per event, written once (the first
-- ticket or key request of an event inserts it; ON CONFLICT keeps the first writer's key, so
-- every instance signs with the same one) and never updated. Why the database and not a key file:
-- instances behind a load balancer share nothing else, and anyone who can write this database
-- can already confirm reservations and record check-ins, so a file beside each instance would
-- add copies of the secret to synchronise without taking any power away from a database
-- intruder. Only the reservations module reads the private key; it never leaves the server.
CREATE TABLE event_ticket_keys (
    event_id    bigint      PRIMARY KEY REFERENCES events (id),
    public_key  bytea       NOT NULL CHECK (length(public_key) = 32),
    private_key bytea       NOT NULL CHECK (length(private_key) = 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The version a ticket's code carries. Re-issuing a ticket moves it on: the old code then no
-- longer matches and is refused at the door.
ALTER TABLE reservations ADD COLUMN ticket_version integer NOT NULL DEFAULT 1 CHECK (ticket_version >= 1);
