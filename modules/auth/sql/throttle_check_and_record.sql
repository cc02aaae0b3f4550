-- For each (kind, key) the limit-th most recent attempt inside the window, if there is one,
-- says how long the key stays blocked. Both attempts are inserted only when neither key is
-- blocked. ($1 kind, $2 key, $3 limit) and ($4, $5, $6) name the keys; the second may be all
-- NULL to check a single key. $7 is the window in seconds.
-- Answers the longest wait in seconds (NULL when not blocked) and the ids of the rows
-- inserted for the first and the second key.
WITH keys(kind, key, lim) AS (VALUES ($1::text, $2::text, $3::int), ($4::text, $5::text, $6::int)),
live AS (SELECT kind, key, lim FROM keys WHERE key IS NOT NULL),
blocked AS (
  SELECT f.attempted_at + make_interval(secs => $7::float8) - now() AS wait
  FROM live CROSS JOIN LATERAL (
    SELECT a.attempted_at FROM auth_attempts a
    WHERE a.kind = live.kind AND a.key = live.key
      AND a.attempted_at > now() - make_interval(secs => $7::float8)
    ORDER BY a.attempted_at DESC OFFSET live.lim - 1 LIMIT 1) f),
recorded AS (
  INSERT INTO auth_attempts (kind, key)
  SELECT kind, key FROM live WHERE NOT EXISTS (SELECT 1 FROM blocked)
  RETURNING id, kind)
SELECT ceil(extract(epoch FROM (SELECT max(wait) FROM blocked)))::bigint AS wait_seconds,
       (SELECT id FROM recorded WHERE kind = $1) AS first_key_row,
       (SELECT id FROM recorded WHERE kind = $4) AS second_key_row
