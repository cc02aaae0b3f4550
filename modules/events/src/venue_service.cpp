#include "venue_service.hpp"

#include "access.hpp"
#include "venue_repository.hpp"

namespace proeventa::events {

namespace {

failure not_found() { return failure(errc::venue_not_found, "venue not found"); }

}  // namespace

awaitable<venue_page> venue_service::list(std::int64_t limit, std::int64_t offset) {
    venue_page page;
    page.total = co_await count_venues(db_);
    if (page.total > offset) page.items = co_await list_venues(db_, limit, offset);
    co_return page;
}

awaitable<venue_record> venue_service::get(std::int64_t id) {
    auto venue = co_await find_venue(db_, id);
    if (!venue) throw not_found();
    co_return std::move(*venue);
}

awaitable<std::optional<field_problem>> venue_service::use_canonical(std::string& zone) {
    auto canonical = co_await timezones_.canonical(zone);
    if (!canonical) co_return field_problem{"timezone", "unknown time zone \"" + zone + "\""};
    zone = std::move(*canonical);
    co_return std::nullopt;
}

awaitable<field_problems> venue_service::check_new(const venue_create_input& in) {
    std::string zone = in.timezone;
    field_problems problems;
    if (auto problem = co_await use_canonical(zone)) problems.push_back(std::move(*problem));
    co_return problems;
}

awaitable<venue_record> venue_service::create(const principal& who, venue_create_input in) {
    if (auto problem = co_await use_canonical(in.timezone)) {
        field_problems problems;
        problems.push_back(std::move(*problem));
        throw invalid_input(std::move(problems));
    }
    const std::int64_t id = co_await insert_venue(db_, in, who.user_id);
    co_return co_await get(id);
}

awaitable<field_problems> venue_service::review_update(const principal& who, std::int64_t id,
                                                       venue_update_input& in) {
    field_problems problems;
    if (in.timezone)
        if (auto problem = co_await use_canonical(*in.timezone)) problems.push_back(std::move(*problem));
    const venue_record current = co_await get(id);
    if (!can_manage(current, who))
        throw failure(errc::not_allowed, "only the venue's creator or an admin may change it");
    co_return problems;
}

awaitable<field_problems> venue_service::check_update(const principal& who, std::int64_t id,
                                                      venue_update_input in) {
    co_return co_await review_update(who, id, in);
}

awaitable<venue_record> venue_service::update(const principal& who, std::int64_t id, venue_update_input in) {
    auto problems = co_await review_update(who, id, in);
    if (!problems.empty()) throw invalid_input(std::move(problems));
    if (!co_await update_venue(db_, id, in)) throw not_found();
    changes_.venue_changed();
    co_return co_await get(id);
}

awaitable<seat_cache::seats_ptr> venue_service::seats(const venue_record& venue) {
    if (!venue.seated) co_return std::make_shared<const seat_map_data>();
    if (auto cached = seats_.find(venue.id)) co_return cached;
    auto rows = co_await venue_seats(db_, venue.id);
    auto loaded = std::make_shared<const seat_map_data>(make_seat_map_data(venue.id, std::move(rows)));
    seats_.put(venue.id, loaded);
    co_return loaded;
}

}  // namespace proeventa::events
