-- Reservations: one row per seat (seated events) or per block of places (general admission).
-- The invariant "no seat sold twice" is the unique partial index below; "no event oversold"
-- for general admission is the CHECK on ga_inventory, updated in the same statement as the
-- reservation insert.
CREATE TABLE reservations (
    id               bigserial PRIMARY KEY,
    event_id         bigint      NOT NULL REFERENCES events (id),
    user_id          bigint      NOT NULL REFERENCES users (id),
    seat_id          bigint      REFERENCES seats (id),
    quantity         integer     NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 10),
    status           text        NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired')),
    price_cents      bigint      NOT NULL CHECK (price_cents >= 0),
    currency         char(3)     NOT NULL,
    -- Snapshots taken at reserve time, so listings never read the events module's tables.
    event_name       text        NOT NULL,
    event_start_time timestamptz NOT NULL,
    seat_label       text,
    hold_expires_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'held' OR hold_expires_at IS NOT NULL),
    CHECK (seat_id IS NULL OR quantity = 1)
);

-- The seat invariant: at most one active reservation per seat and event.
CREATE UNIQUE INDEX reservations_one_active_per_seat
    ON reservations (event_id, seat_id)
    WHERE status IN ('held', 'confirmed') AND seat_id IS NOT NULL;

CREATE INDEX reservations_by_user ON reservations (user_id, created_at DESC);
CREATE INDEX reservations_by_event ON reservations (event_id, created_at DESC);
CREATE INDEX reservations_active_by_event ON reservations (event_id)
    WHERE status IN ('held', 'confirmed');
CREATE INDEX reservations_holds_by_expiry ON reservations (hold_expires_at)
    WHERE status = 'held';

-- General admission: places taken per event, guarded so it can never pass capacity.
CREATE TABLE ga_inventory (
    event_id bigint PRIMARY KEY REFERENCES events (id),
    capacity bigint NOT NULL CHECK (capacity >= 0),
    taken    bigint NOT NULL DEFAULT 0,
    CONSTRAINT ga_inventory_within_capacity CHECK (taken >= 0 AND taken <= capacity)
);

-- Idempotency-Key replay: stored in the same transaction as the reservations it describes.
CREATE TABLE reservation_idempotency (
    user_id      bigint      NOT NULL REFERENCES users (id),
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash text        NOT NULL,
    status       integer     NOT NULL,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX reservation_idempotency_age ON reservation_idempotency (created_at);
