-- Every IANA zone the database knows (read once per process: see timezones.hpp).
SELECT name FROM pg_timezone_names;
