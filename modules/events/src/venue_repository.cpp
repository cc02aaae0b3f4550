#include "venue_repository.hpp"

#include "sql.hpp"

#include <proeventa/db/record.hpp>

namespace proeventa::events {

template <class Db>
awaitable<std::optional<venue_record>> find_venue(Db& db, std::int64_t id) {
    co_return db::first_record<venue_record>(co_await db.exec(sql::find_venue, db::params(id)));
}

template <class Db>
awaitable<std::int64_t> insert_venue(Db& db, const venue_create_input& venue,
                                     std::optional<std::int64_t> created_by) {
    std::vector<std::string> category_names, category_colors;
    for (const auto& c : venue.categories) {
        category_names.push_back(c.name);
        category_colors.push_back(c.color);
    }
    const std::size_t n = venue.seats.size();
    std::vector<std::string> sections, rows, labels, categories;
    std::vector<std::int64_t> numbers;
    std::vector<double> xs, ys;
    sections.reserve(n), rows.reserve(n), labels.reserve(n), categories.reserve(n);
    numbers.reserve(n), xs.reserve(n), ys.reserve(n);
    for (const auto& s : venue.seats) {
        sections.push_back(s.section);
        rows.push_back(s.row);
        numbers.push_back(s.number);
        labels.push_back(s.label);
        categories.push_back(s.category);
        xs.push_back(s.x);
        ys.push_back(s.y);
    }
    auto result = co_await db.exec(
        sql::insert_venue,
        db::params(venue.name, venue.address, venue.timezone, venue.seated, venue.capacity,
                   created_by, category_names, category_colors, sections, rows, numbers, labels,
                   categories, xs, ys));
    co_return db::first_record<id_record>(result).value().id;
}

template <class Db>
awaitable<std::vector<seat_record>> venue_seats(Db& db, std::int64_t venue_id) {
    co_return db::records<seat_record>(co_await db.exec(sql::venue_seats, db::params(venue_id)));
}

awaitable<std::vector<venue_record>> list_venues(db::pool& db, std::int64_t limit,
                                                 std::int64_t offset) {
    co_return db::records<venue_record>(co_await db.exec(sql::list_venues, db::params(limit, offset)));
}

awaitable<std::int64_t> count_venues(db::pool& db) {
    auto rows = co_await db.exec(sql::count_venues);
    co_return db::first_record<total_record>(rows).value().total;
}

awaitable<bool> update_venue(db::pool& db, std::int64_t id, const venue_update_input& changes) {
    auto result = co_await db.exec(sql::update_venue,
                                   db::params(id, changes.name, changes.address, changes.timezone));
    co_return result.affected_rows() > 0;
}

awaitable<std::vector<zone_record>> timezone_names(db::pool& db) {
    co_return db::records<zone_record>(co_await db.exec(sql::timezone_names));
}

template awaitable<std::optional<venue_record>> find_venue(db::pool&, std::int64_t);
template awaitable<std::optional<venue_record>> find_venue(db::transaction&, std::int64_t);
template awaitable<std::int64_t> insert_venue(db::pool&, const venue_create_input&,
                                              std::optional<std::int64_t>);
template awaitable<std::int64_t> insert_venue(db::transaction&, const venue_create_input&,
                                              std::optional<std::int64_t>);
template awaitable<std::vector<seat_record>> venue_seats(db::pool&, std::int64_t);
template awaitable<std::vector<seat_record>> venue_seats(db::transaction&, std::int64_t);

}  // namespace proeventa::events
