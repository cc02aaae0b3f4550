#pragma once
// Venues: creating them from a layout or seat list, renaming them, reading them and their seats.
#include "list_cache.hpp"
#include "model.hpp"
#include "seat_cache.hpp"
#include "timezones.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/http/request_context.hpp>

#include <boost/json/object.hpp>

namespace proeventa::events {

struct venue_page {
    std::vector<venue_record> items;
    std::int64_t total = 0;
};

class venue_service {
public:
    /// `lists` is told when a venue's name or time zone changes: the event list shows them.
    venue_service(db::pool& db, list_cache& lists) : db_(db), lists_(lists), timezones_(db) {}

    awaitable<venue_page> list(std::int64_t limit, std::int64_t offset);
    /// 404 when it does not exist.
    awaitable<venue_record> get(std::int64_t id);
    awaitable<venue_record> create(const principal& who, const json::object& body);
    /// Its creator or an admin; name, address and time zone only.
    awaitable<venue_record> update(const principal& who, std::int64_t id, const json::object& body);
    /// The venue's seats in reading order (cached; see seat_cache). Empty for general admission.
    awaitable<seat_cache::seats_ptr> seats(const venue_record& venue);

private:
    db::pool& db_;
    list_cache& lists_;
    timezone_registry timezones_;
    seat_cache seats_;
};

}  // namespace proeventa::events
