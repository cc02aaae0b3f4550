-- `proeventa demo` / --demo (demo_data.cpp).

-- name: demo_lock
-- Two instances started with --demo at once must not both load it.
SELECT pg_advisory_xact_lock(hashtext('proeventa.events.demo'));

-- name: demo_venue_exists
SELECT 1 AS found FROM venues WHERE name = $1 AND created_by = $2;
