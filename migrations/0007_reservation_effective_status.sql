-- The status a reservation has now, as every read of the reservations module reports it: a hold
-- past its expiry is expired even before the sweeper marks it. One definition instead of a CASE
-- pasted into each statement. STABLE, not IMMUTABLE: it reads now(). A single-SELECT SQL function,
-- so the planner inlines it into the statements that filter on it.
CREATE FUNCTION reservation_effective_status(status text, hold_expires_at timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN status = 'held' AND hold_expires_at <= now() THEN 'expired' ELSE status END
$$;
