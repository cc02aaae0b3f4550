#pragma once
// SQL of the events module's venue and seat statements.
#include <proeventa/db/query.hpp>

namespace proeventa::events::sql {

#define PROEVENTA_VENUE_COLUMNS                                                                    \
    "v.id, v.name, v.address, v.timezone, v.seated, v.capacity, v.created_by, v.created_at, "      \
    "v.updated_at, "                                                                              \
    "(SELECT coalesce(json_agg(json_build_object('name', c.name, 'color', c.color) "              \
    "ORDER BY c.position), '[]'::json) FROM venue_categories c WHERE c.venue_id = v.id)"

inline constexpr db::query find_venue{
    "events.venue_find", "SELECT " PROEVENTA_VENUE_COLUMNS " FROM venues v WHERE v.id = $1"};

inline constexpr db::query list_venues{
    "events.venue_list",
    "SELECT " PROEVENTA_VENUE_COLUMNS " FROM venues v ORDER BY v.name, v.id LIMIT $1 OFFSET $2"};

inline constexpr db::query count_venues{"events.venue_count", "SELECT count(*) FROM venues"};

// COALESCE keeps the fields a PUT left out.
inline constexpr db::query update_venue{
    "events.venue_update",
    "UPDATE venues SET name = coalesce($2, name), address = coalesce($3, address),"
    " timezone = coalesce($4, timezone), updated_at = now() WHERE id = $1"};

#undef PROEVENTA_VENUE_COLUMNS

// A venue, its categories and all its seats in one statement: a 20 000-seat map is one round
// trip and can never be left half-written. Foreign keys are checked at the end of the statement,
// so the seats see the categories inserted beside them.
// $1 name, $2 address, $3 timezone, $4 seated, $5 capacity, $6 created_by,
// $7 category names, $8 colours (positions follow array order),
// $9 sections, $10 rows, $11 numbers, $12 labels, $13 categories, $14 x, $15 y.
inline constexpr db::query insert_venue{
    "events.venue_insert",
    "WITH v AS ("
    "  INSERT INTO venues (name, address, timezone, seated, capacity, created_by)"
    "  VALUES ($1, $2, $3, $4, $5, $6) RETURNING id),"
    " c AS ("
    "  INSERT INTO venue_categories (venue_id, name, color, position)"
    "  SELECT v.id, t.name, t.color, t.position FROM v,"
    "         unnest($7::text[], $8::text[]) WITH ORDINALITY AS t(name, color, position)),"
    " s AS ("
    "  INSERT INTO seats (venue_id, section, row_label, number, label, category, x, y)"
    "  SELECT v.id, t.section, t.row_label, t.number, t.label, t.category, t.x, t.y FROM v,"
    "         unnest($9::text[], $10::text[], $11::integer[], $12::text[], $13::text[],"
    "                $14::double precision[], $15::double precision[])"
    "         WITH ORDINALITY AS t(section, row_label, number, label, category, x, y, ord)"
    "  ORDER BY t.ord)"
    " SELECT id FROM v"};

inline constexpr db::query venue_seats{
    "events.venue_seats",
    "SELECT s.id, s.section, s.row_label, s.number, s.label, s.category, s.x, s.y"
    " FROM seats s WHERE s.venue_id = $1 ORDER BY s.id"};

inline constexpr db::query timezone_names{"events.timezones", "SELECT name FROM pg_timezone_names"};

}  // namespace proeventa::events::sql
