#pragma once
// SQL of the events module's event statements. Kept in a header of constants so the bench and
// the EXPLAIN test run exactly the statements the server prepares.
//
// List filters are NULL-able parameters (`$n IS NULL OR ...`) in one statement per sort order.
// PostgreSQL plans a prepared statement with its actual parameters for the first executions and
// keeps doing so while that is cheaper than a generic plan; with the parameters as constants the
// untaken branches fold away and the indexes of 0002_events.sql apply.
#include <proeventa/db/query.hpp>

namespace proeventa::events::sql {

// Columns of an event as json_mapping reads them (event_from_row), in this order.
#define PROEVENTA_EVENT_COLUMNS                                                                    \
    "e.id, e.name, e.description, e.start_time, e.end_time, e.venue_id, v.name, v.timezone, "      \
    "v.seated, e.status, e.capacity, e.currency, e.organizer_id, e.sales_start, e.sales_end, "     \
    "e.sold_out, e.created_at, e.updated_at, "                                                    \
    "(SELECT coalesce(json_agg(json_build_object('category', p.category, 'price_cents', "         \
    "p.price_cents) ORDER BY c.position NULLS LAST, p.category), '[]'::json) "                    \
    "FROM event_prices p LEFT JOIN venue_categories c "                                           \
    "ON c.venue_id = e.venue_id AND c.name = p.category WHERE p.event_id = e.id)"

// $1 search text (websearch syntax), $2 from, $3 to, $4 venue_id, $5 organizer_id, $6 status,
// $7 available only, $8 the viewer (sees own drafts), $9 viewer is admin (sees everything).
// Without a status filter people see published events; with one they may also see cancelled
// ones. Drafts stay with their organizer and admins.
#define PROEVENTA_EVENT_LIST_WHERE                                                                 \
    " WHERE ($1::text IS NULL OR e.search @@ websearch_to_tsquery('simple', $1))"                 \
    " AND ($2::timestamptz IS NULL OR e.start_time >= $2)"                                        \
    " AND ($3::timestamptz IS NULL OR e.start_time <= $3)"                                        \
    " AND ($4::bigint IS NULL OR e.venue_id = $4)"                                                \
    " AND ($5::bigint IS NULL OR e.organizer_id = $5)"                                            \
    " AND ($6::text IS NULL OR e.status = $6)"                                                    \
    " AND (NOT $7::boolean OR (e.status = 'published' AND NOT e.sold_out))"                       \
    " AND (e.status = 'published' OR $9::boolean"                                                 \
    "      OR ($6::text IS NOT NULL AND e.status <> 'draft')"                                     \
    "      OR ($8::bigint IS NOT NULL AND e.status = 'draft' AND e.organizer_id = $8))"

#define PROEVENTA_EVENT_LIST(order)                                                                \
    "SELECT " PROEVENTA_EVENT_COLUMNS " FROM events e JOIN venues v ON v.id = e.venue_id"         \
    PROEVENTA_EVENT_LIST_WHERE " ORDER BY " order " LIMIT $10 OFFSET $11"

inline constexpr db::query list_events_by_start{
    "events.list_by_start", PROEVENTA_EVENT_LIST("e.start_time, e.id")};
inline constexpr db::query list_events_by_start_desc{
    "events.list_by_start_desc", PROEVENTA_EVENT_LIST("e.start_time DESC, e.id DESC")};
inline constexpr db::query list_events_by_name{
    "events.list_by_name", PROEVENTA_EVENT_LIST("e.name, e.id")};
inline constexpr db::query count_events{
    "events.count", "SELECT count(*) FROM events e" PROEVENTA_EVENT_LIST_WHERE};

inline constexpr db::query find_event{
    "events.find",
    "SELECT " PROEVENTA_EVENT_COLUMNS
    " FROM events e JOIN venues v ON v.id = e.venue_id WHERE e.id = $1"};

// Taken first in every transaction that changes an event, so concurrent edits, cancellation and
// the reservations module's capacity checks see one order of changes.
inline constexpr db::query lock_event{
    "events.lock",
    "SELECT " PROEVENTA_EVENT_COLUMNS
    " FROM events e JOIN venues v ON v.id = e.venue_id WHERE e.id = $1 FOR UPDATE OF e"};

#undef PROEVENTA_EVENT_LIST
#undef PROEVENTA_EVENT_LIST_WHERE
#undef PROEVENTA_EVENT_COLUMNS

// One statement, so an event never exists without its prices.
// $1 name .. $11 sales_end, $12 categories, $13 prices.
inline constexpr db::query insert_event{
    "events.insert",
    "WITH e AS ("
    "  INSERT INTO events (name, description, start_time, end_time, venue_id, organizer_id,"
    "                      status, capacity, currency, sales_start, sales_end)"
    "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id),"
    " p AS ("
    "  INSERT INTO event_prices (event_id, category, price_cents)"
    "  SELECT e.id, t.category, t.price_cents FROM e,"
    "         unnest($12::text[], $13::bigint[]) AS t(category, price_cents))"
    " SELECT id FROM e"};

// $12: new sold_out hint when the capacity changed (NULL keeps it).
inline constexpr db::query update_event{
    "events.update",
    "UPDATE events SET name = $2, description = $3, start_time = $4, end_time = $5,"
    " venue_id = $6, status = $7, capacity = $8, currency = $9, sales_start = $10,"
    " sales_end = $11, sold_out = coalesce($12::boolean, sold_out), updated_at = now()"
    " WHERE id = $1"};

// Upsert the new list, delete what it no longer names; the DELETE sees the snapshot from before
// the upsert, so the two never touch the same row.
inline constexpr db::query replace_event_prices{
    "events.replace_prices",
    "WITH up AS ("
    "  INSERT INTO event_prices (event_id, category, price_cents)"
    "  SELECT $1, t.category, t.price_cents FROM unnest($2::text[], $3::bigint[])"
    "         AS t(category, price_cents)"
    "  ON CONFLICT (event_id, category) DO UPDATE SET price_cents = EXCLUDED.price_cents)"
    " DELETE FROM event_prices WHERE event_id = $1 AND category <> ALL($2::text[])"};

inline constexpr db::query cancel_event{
    "events.cancel",
    "UPDATE events SET status = 'cancelled', updated_at = now() WHERE id = $1"};

inline constexpr db::query set_sold_out{
    "events.set_sold_out",
    "UPDATE events SET sold_out = $2 WHERE id = $1 AND sold_out IS DISTINCT FROM $2"};

// What reservations needs, with the on-sale checks done against the database clock so every
// instance agrees on them.
inline constexpr db::query find_event_for_sale{
    "events.find_for_sale",
    "SELECT e.id, e.name, e.start_time, e.organizer_id, e.venue_id, e.status, v.seated,"
    " e.capacity, e.currency,"
    " coalesce((SELECT p.price_cents FROM event_prices p"
    "           WHERE p.event_id = e.id AND p.category = 'general'), 0),"
    " e.start_time <= now(), coalesce(e.sales_start > now(), false),"
    " coalesce(e.sales_end <= now(), false), e.sales_start, e.sales_end"
    " FROM events e JOIN venues v ON v.id = e.venue_id WHERE e.id = $1"};

inline constexpr db::query find_seats_for_sale{
    "events.find_seats_for_sale",
    "SELECT s.id, s.label, s.category, coalesce(p.price_cents, 0)"
    " FROM events e JOIN seats s ON s.venue_id = e.venue_id"
    " LEFT JOIN event_prices p ON p.event_id = e.id AND p.category = s.category"
    " WHERE e.id = $1 AND s.id = ANY($2::bigint[]) ORDER BY s.id"};

}  // namespace proeventa::events::sql
