#pragma once
// Time in the wire format every ProEventa API uses: RFC 3339, UTC, `Z` suffix.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa {

using sys_seconds = std::chrono::sys_seconds;

/// `2026-01-31T20:00:00Z`.
std::string to_rfc3339(std::chrono::system_clock::time_point t);
/// Accepts `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` (also a space or lower-case t/z); nullopt if
/// malformed or out of range. Fractions are kept to microseconds.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);
/// PostgreSQL's ISO output of a timestamptz in a UTC session (`2026-01-31 20:00:00+00`,
/// optional fraction) to RFC 3339.
std::string pg_timestamp_to_rfc3339(std::string_view pg_text);

}  // namespace proeventa
