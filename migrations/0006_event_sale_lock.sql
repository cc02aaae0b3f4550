-- The events module's half of the reservation invariant: "no reservation becomes active on an
-- event that is not on sale". Reservation writes call this in the same statement as their
-- insert. It takes a KEY SHARE lock on the event row until the caller's transaction ends:
-- concurrent reserves never wait for each other (KEY SHARE locks do not conflict, nor do they
-- conflict with the sold-out hint's UPDATE), but every change to an event's sale (cancel,
-- unpublish, sales window, prices, capacity) starts with SELECT ... FOR UPDATE on that row, so it
-- waits for the reserves in flight to commit and then sees them, and reserves arriving after it
-- wait for it and re-read the row it committed (READ COMMITTED re-checks a locked row's WHERE
-- clause against its newest version).
CREATE FUNCTION event_lock_for_sale(event bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM 1 FROM events e
     WHERE e.id = event
       AND e.status = 'published'
       AND e.start_time > now()
       AND (e.sales_start IS NULL OR e.sales_start <= now())
       AND (e.sales_end IS NULL OR e.sales_end > now())
       FOR KEY SHARE;
    RETURN FOUND;
END
$$;
