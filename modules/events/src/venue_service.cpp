#include "venue_service.hpp"

#include "access.hpp"
#include "venue_repository.hpp"
#include "venue_validation.hpp"

#include <proeventa/http/api_error.hpp>
#include <proeventa/http/json_io.hpp>

namespace proeventa::events {

awaitable<venue_page> venue_service::list(std::int64_t limit, std::int64_t offset) {
    venue_page page;
    page.total = co_await count_venues(db_);
    if (page.total > offset) page.items = co_await list_venues(db_, limit, offset);
    co_return page;
}

awaitable<venue_record> venue_service::get(std::int64_t id) {
    auto venue = co_await find_venue(db_, id);
    if (!venue) throw errors::not_found("venue not found");
    co_return std::move(*venue);
}

awaitable<venue_record> venue_service::create(const principal& who, const json::object& body) {
    field_reader reader(body);
    venue_create_input in = read_venue_create(reader, body);
    if (!in.timezone.empty()) {
        auto zone = co_await timezones_.canonical(in.timezone);
        if (zone)
            in.timezone = *zone;
        else
            reader.fail("timezone", "unknown time zone \"" + in.timezone + "\"");
    }
    reader.finish();
    const std::int64_t id = co_await insert_venue(db_, in, who.user_id);
    co_return co_await get(id);
}

awaitable<venue_record> venue_service::update(const principal& who, std::int64_t id,
                                              const json::object& body) {
    field_reader reader(body);
    venue_update_input in = read_venue_update(reader, body);
    if (in.timezone) {
        auto zone = co_await timezones_.canonical(*in.timezone);
        if (zone)
            in.timezone = *zone;
        else
            reader.fail("timezone", "unknown time zone \"" + *in.timezone + "\"");
    }
    const venue_record current = co_await get(id);
    if (!can_manage(current, who)) throw errors::forbidden("only the venue's creator or an admin may change it");
    reader.finish();
    if (!co_await update_venue(db_, id, in)) throw errors::not_found("venue not found");
    lists_.invalidate();
    co_return co_await get(id);
}

awaitable<seat_cache::seats_ptr> venue_service::seats(const venue_record& venue) {
    if (!venue.seated) co_return std::make_shared<const seat_map_data>();
    if (auto cached = seats_.find(venue.id)) co_return cached;
    auto rows = co_await venue_seats(db_, venue.id);
    auto loaded = std::make_shared<const seat_map_data>(make_seat_map_data(std::move(rows)));
    seats_.put(venue.id, loaded);
    co_return loaded;
}

}  // namespace proeventa::events
