-- Transaction-scoped advisory locks on one or two throttle keys ($1:$2 and $3:$4; $3/$4 may be
-- NULL for a single key), so attempts on one key take turns (attempt_repository.cpp says why).
-- The two-integer lock space is separate from the single-bigint one other code uses; the first
-- integer marks these locks as the throttle's. Taking the smaller hash first keeps two
-- transactions locking the same pair from deadlocking; PostgreSQL evaluates the select list
-- left to right, and re-taking a lock already held (one key, or a hash collision) does not wait.
SELECT pg_advisory_xact_lock(1953000271, least(h1, h2)),
       pg_advisory_xact_lock(1953000271, greatest(h1, h2))
FROM (SELECT hashtext($1::text || ':' || $2::text) AS h1,
             hashtext(coalesce($3::text || ':' || $4::text, $1::text || ':' || $2::text)) AS h2) k
