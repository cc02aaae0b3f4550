-- The events module's tables: venues with their seat maps, events, and per-category prices.
-- Reservations refer to events(id) and seats(id) but read them only through the catalog.

CREATE TABLE venues (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address     text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
    timezone    text NOT NULL,
    -- false: general admission, `capacity` places; true: `capacity` is the number of seats.
    seated      boolean NOT NULL,
    capacity    integer NOT NULL CHECK (capacity >= 0),
    created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX venues_name_idx ON venues (name, id);

-- Exactly the price categories a venue's seats use, in display order.
CREATE TABLE venue_categories (
    venue_id    bigint NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    color       text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    position    integer NOT NULL,
    PRIMARY KEY (venue_id, name)
);

CREATE TABLE seats (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id    bigint NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
    section     text NOT NULL CHECK (length(section) BETWEEN 1 AND 100),
    row_label   text NOT NULL CHECK (length(row_label) BETWEEN 1 AND 20),
    number      integer NOT NULL CHECK (number > 0),
    label       text NOT NULL,
    category    text NOT NULL,
    x           double precision NOT NULL,
    y           double precision NOT NULL,
    UNIQUE (venue_id, section, row_label, number),
    FOREIGN KEY (venue_id, category) REFERENCES venue_categories (venue_id, name)
);
-- The seat map is read in insertion (reading) order; this keeps it an index scan with no sort.
CREATE INDEX seats_venue_idx ON seats (venue_id, id);

CREATE TABLE events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description   text NOT NULL DEFAULT '',
    start_time    timestamptz NOT NULL,
    end_time      timestamptz NOT NULL,
    venue_id      bigint NOT NULL REFERENCES venues (id),
    organizer_id  bigint NOT NULL REFERENCES users (id),
    status        text NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'published', 'cancelled')),
    capacity      integer NOT NULL CHECK (capacity >= 0),
    currency      char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    sales_start   timestamptz,
    sales_end     timestamptz,
    -- Eventually-consistent hint that every place is taken, set by the reservations module
    -- through catalog::set_sold_out after its own transactions commit. Only the `available=true`
    -- list filter reads it; availability numbers always come from reservations itself.
    sold_out      boolean NOT NULL DEFAULT false,
    -- 'simple' (no stemming, no stop words): names of bands and venues are not English prose.
    search        tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector('simple', name), 'A')
                      || setweight(to_tsvector('simple', description), 'B')) STORED,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (end_time > start_time),
    CHECK (sales_start IS NULL OR sales_end IS NULL OR sales_end > sales_start)
);
-- One index per filter and sort of GET /events/events. The public list is mostly
-- `status = 'published' ORDER BY start_time`, so status leads.
CREATE INDEX events_status_start_idx ON events (status, start_time, id);
CREATE INDEX events_status_name_idx ON events (status, name, id);
-- Admins list every status at once: the same orders without the status prefix.
CREATE INDEX events_start_idx ON events (start_time, id);
CREATE INDEX events_name_idx ON events (name, id);
CREATE INDEX events_venue_start_idx ON events (venue_id, start_time);
CREATE INDEX events_organizer_start_idx ON events (organizer_id, start_time);
-- fastupdate off: new events go straight into the index instead of a pending list that every
-- search scans until the next VACUUM (which also hides the index from the planner's estimates).
-- Events are written rarely and searched often.
CREATE INDEX events_search_idx ON events USING gin (search) WITH (fastupdate = off);
-- `available=true`: published events not (yet) known to be full.
CREATE INDEX events_available_start_idx ON events (start_time, id)
    WHERE status = 'published' AND NOT sold_out;

CREATE TABLE event_prices (
    event_id     bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    category     text NOT NULL,
    price_cents  bigint NOT NULL CHECK (price_cents >= 0),
    PRIMARY KEY (event_id, category)
);
