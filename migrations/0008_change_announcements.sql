-- Every instance keeps per-instance caches (event pages, lists, seat maps, account state) and
-- live seat-map streams. They learn about writes made anywhere through PostgreSQL NOTIFY, sent
-- by these triggers in the writing transaction itself: a notification is delivered if and only
-- if the write commits, whichever module or instance made it, and no application code path can
-- forget to announce a change.
--
-- Channels and payloads (payloads stay under NOTIFY's 8000-byte limit):
--   proeventa_accounts  '<user id>'                 role, token generation or deletion changed
--   proeventa_catalog   'event:<id>' | 'venue:<id>' an event (or its prices) or a venue changed
--   proeventa_seats     '<event id>:<changes>'      reservations of the event changed; <changes>
--                       is a comma-separated list of <seat id><state> with state h (held),
--                       r (reserved) or a (available); empty for general admission (places
--                       changed). A statement touching many seats sends several payloads.

-- Accounts can be deleted: the row stays (reservations point at it) without personal data.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

CREATE FUNCTION announce_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('proeventa_accounts', OLD.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER users_announce_update AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.role IS DISTINCT FROM NEW.role
          OR OLD.token_generation IS DISTINCT FROM NEW.token_generation
          OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION announce_account_change();
CREATE TRIGGER users_announce_delete AFTER DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION announce_account_change();

CREATE FUNCTION announce_catalog_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id bigint;
BEGIN
    IF TG_TABLE_NAME = 'event_prices' THEN
        row_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.event_id ELSE NEW.event_id END;
        PERFORM pg_notify('proeventa_catalog', 'event:' || row_id);
        RETURN NULL;
    END IF;
    row_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
    PERFORM pg_notify('proeventa_catalog',
                      CASE TG_TABLE_NAME WHEN 'venues' THEN 'venue:' ELSE 'event:' END || row_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER events_announce_write AFTER INSERT OR DELETE ON events FOR EACH ROW
    EXECUTE FUNCTION announce_catalog_change();
-- An UPDATE that changes nothing (the sold-out hint re-set to its value) announces nothing.
CREATE TRIGGER events_announce_update AFTER UPDATE ON events FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION announce_catalog_change();
CREATE TRIGGER event_prices_announce AFTER INSERT OR UPDATE OR DELETE ON event_prices FOR EACH ROW
    EXECUTE FUNCTION announce_catalog_change();
CREATE TRIGGER venues_announce AFTER UPDATE OR DELETE ON venues FOR EACH ROW
    EXECUTE FUNCTION announce_catalog_change();

-- One statement may reserve or release many seats (an event's cancellation releases them all):
-- a statement-level trigger sends one payload per event (split when long) instead of one per row.
CREATE FUNCTION announce_seat_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    change record;
    current_event bigint := NULL;
    payload text := '';
BEGIN
    FOR change IN
        SELECT event_id, seat_id,
               CASE reservation_effective_status(status, hold_expires_at)
                   WHEN 'held' THEN 'h' WHEN 'confirmed' THEN 'r' ELSE 'a' END AS state
        FROM changed_rows
        ORDER BY event_id, seat_id NULLS FIRST, id
    LOOP
        IF current_event IS DISTINCT FROM change.event_id OR length(payload) > 7900 THEN
            IF current_event IS NOT NULL THEN
                PERFORM pg_notify('proeventa_seats', current_event || ':' || payload);
            END IF;
            current_event := change.event_id;
            payload := '';
        END IF;
        IF change.seat_id IS NOT NULL THEN
            payload := payload || CASE WHEN payload = '' THEN '' ELSE ',' END
                       || change.seat_id || change.state;
        END IF;
    END LOOP;
    IF current_event IS NOT NULL THEN
        PERFORM pg_notify('proeventa_seats', current_event || ':' || payload);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER reservations_announce_insert AFTER INSERT ON reservations
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT
    EXECUTE FUNCTION announce_seat_changes();
CREATE TRIGGER reservations_announce_update AFTER UPDATE ON reservations
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT
    EXECUTE FUNCTION announce_seat_changes();
