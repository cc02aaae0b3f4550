#pragma once
// Venue and seat storage. Functions that also run inside a transaction are templates over the
// executor (db::pool or db::transaction), instantiated for both in the .cpp.
#include "model.hpp"

#include <proeventa/db/pool.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace proeventa::events {

template <class Db>
awaitable<std::optional<venue_record>> find_venue(Db& db, std::int64_t id);

template <class Db>
awaitable<std::int64_t> insert_venue(Db& db, const venue_create_input& venue,
                                     std::optional<std::int64_t> created_by);

template <class Db>
awaitable<std::vector<seat_record>> venue_seats(Db& db, std::int64_t venue_id);

awaitable<std::vector<venue_record>> list_venues(db::pool& db, std::int64_t limit,
                                                 std::int64_t offset);
awaitable<std::int64_t> count_venues(db::pool& db);
/// False when the venue does not exist.
awaitable<bool> update_venue(db::pool& db, std::int64_t id, const venue_update_input& changes);

/// Every time zone the database knows (pg_timezone_names).
awaitable<std::vector<zone_record>> timezone_names(db::pool& db);

}  // namespace proeventa::events
