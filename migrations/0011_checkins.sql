-- Door check-ins. The primary key is the rule "a ticket is let in once": however many doors scan
-- the same ticket at the same moment, on however many instances, one INSERT wins and the others
-- find its row.
CREATE TABLE checkins (
    reservation_id bigint      PRIMARY KEY REFERENCES reservations (id),
    event_id       bigint      NOT NULL REFERENCES events (id),
    ticket_version integer     NOT NULL,
    checked_in_at  timestamptz NOT NULL DEFAULT now(),
    checked_in_by  bigint      NOT NULL REFERENCES users (id)
);
CREATE INDEX checkins_by_event ON checkins (event_id);

-- The price category of a seat, as the reserve found it (a snapshot like seat_label), so the
-- door's summary counts by category without reading the events module's tables. NULL: general
-- admission, or a reservation made before this column existed.
ALTER TABLE reservations ADD COLUMN seat_category text;
