#pragma once
// The events module's statements, kept in modules/events/sql/*.sql and prepared as
// "events.<name>". Looked up while the program starts, so a missing statement stops it at once
// rather than at the first request that needs it.
#include <proeventa/db/statements.hpp>
#include <proeventa/embedded.hpp>

#include <span>

namespace proeventa::events::sql_files {
std::span<const proeventa::embedded_file> files();
}

namespace proeventa::events::sql {

const db::statement_book& book();

// events (find_event.sql, list_events.sql)
inline const db::query& find_event = book()["find_event"];
inline const db::query& lock_event = book()["lock_event"];
inline const db::query& list_events_by_start = book()["list_events_by_start"];
inline const db::query& list_events_by_start_desc = book()["list_events_by_start_desc"];
inline const db::query& list_events_by_name = book()["list_events_by_name"];
inline const db::query& count_events = book()["count_events"];
inline const db::query& insert_event = book()["insert_event"];
inline const db::query& update_event = book()["update_event"];
inline const db::query& replace_event_prices = book()["replace_event_prices"];
inline const db::query& cancel_event = book()["cancel_event"];

// the catalog reservations reads
inline const db::query& find_event_for_sale = book()["find_event_for_sale"];
inline const db::query& find_seats_for_sale = book()["find_seats_for_sale"];
inline const db::query& set_sold_out = book()["set_sold_out"];

// venues and seats
inline const db::query& find_venue = book()["find_venue"];
inline const db::query& list_venues = book()["list_venues"];
inline const db::query& count_venues = book()["count_venues"];
inline const db::query& insert_venue = book()["insert_venue"];
inline const db::query& update_venue = book()["update_venue"];
inline const db::query& venue_seats = book()["venue_seats"];
inline const db::query& timezone_names = book()["timezone_names"];

// demo data (demo_data.sql)
inline const db::query& demo_lock = book()["demo_lock"];
inline const db::query& demo_venue_exists = book()["demo_venue_exists"];

}  // namespace proeventa::events::sql
