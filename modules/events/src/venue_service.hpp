#pragma once
// Venues: creating them from a layout or seat list, renaming them, reading them and their seats.
// Takes typed inputs, returns records; expected failures are `failure`s (errors.hpp).
#include "errors.hpp"
#include "catalog_changes.hpp"
#include "model.hpp"
#include "seat_cache.hpp"
#include "timezones.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/http/request_context.hpp>

#include <optional>

namespace proeventa::events {

struct venue_page {
    std::vector<venue_record> items;
    std::int64_t total = 0;
};

class venue_service {
public:
    /// `lists` is told when a venue's name or time zone changes: the event list shows them.
    venue_service(db::pool& db, catalog_changes& changes) : db_(db), changes_(changes), timezones_(db) {}

    awaitable<venue_page> list(std::int64_t limit, std::int64_t offset);
    /// venue_not_found when it does not exist.
    awaitable<venue_record> get(std::int64_t id);

    /// What create would find wrong with `in` (an unknown time zone), without storing anything:
    /// for a caller that reports it together with problems of its own.
    awaitable<field_problems> check_new(const venue_create_input& in);
    /// invalid_input for a time zone the database does not know.
    awaitable<venue_record> create(const principal& who, venue_create_input in);
    /// What update would refuse: venue_not_found and not_allowed are thrown, input problems
    /// returned (for the same use as check_new).
    awaitable<field_problems> check_update(const principal& who, std::int64_t id, venue_update_input in);
    /// Its creator or an admin; name, address and time zone only.
    awaitable<venue_record> update(const principal& who, std::int64_t id, venue_update_input in);
    /// The venue's seats in reading order (cached; see seat_cache). Empty for general admission.
    awaitable<seat_cache::seats_ptr> seats(const venue_record& venue);

private:
    /// Replaces `zone` by the database's spelling of it; the problem when there is no such zone.
    awaitable<std::optional<field_problem>> use_canonical(std::string& zone);
    awaitable<field_problems> review_update(const principal& who, std::int64_t id, venue_update_input& in);

    db::pool& db_;
    catalog_changes& changes_;
    timezone_registry timezones_;
    seat_cache seats_;
};

}  // namespace proeventa::events
