-- Attempts older than the longest window ($1 seconds) no longer count for anything.
DELETE FROM auth_attempts
WHERE attempted_at < now() - make_interval(secs => $1::float8)
