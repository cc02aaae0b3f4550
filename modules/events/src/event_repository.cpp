#include "event_repository.hpp"

#include "sql.hpp"

#include <proeventa/db/record.hpp>

namespace proeventa::events {

namespace {

db::param_list filter_params(const event_filter& f) {
    return db::params(f.search, f.from, f.to, f.venue_id, f.organizer_id, f.status,
                      f.available_only, f.viewer_id, f.viewer_is_admin);
}

const db::query& list_query(const std::string& sort) {
    if (sort == "-start_time") return sql::list_events_by_start_desc;
    if (sort == "name") return sql::list_events_by_name;
    return sql::list_events_by_start;
}

/// Prices as two arrays in step, for `unnest($n::text[], $m::bigint[])`.
struct price_columns {
    std::vector<std::string> categories;
    std::vector<std::int64_t> cents;
};

price_columns columns_of(const std::vector<price>& prices) {
    price_columns out;
    for (const auto& p : prices) {
        out.categories.push_back(p.category);
        out.cents.push_back(p.price_cents);
    }
    return out;
}

}  // namespace

awaitable<std::vector<event_record>> list_events(db::pool& db, const event_filter& filter,
                                                 std::int64_t limit, std::int64_t offset) {
    auto params = filter_params(filter);
    params.push_back(db::detail::to_param(limit));
    params.push_back(db::detail::to_param(offset));
    co_return db::records<event_record>(co_await db.exec(list_query(filter.sort), std::move(params)));
}

awaitable<std::int64_t> count_events(db::pool& db, const event_filter& filter) {
    auto rows = co_await db.exec(sql::count_events, filter_params(filter));
    co_return db::first_record<total_record>(rows).value().total;
}

template <class Db>
awaitable<std::optional<event_record>> find_event(Db& db, std::int64_t id) {
    co_return db::first_record<event_record>(co_await db.exec(sql::find_event, db::params(id)));
}

awaitable<std::optional<event_record>> lock_event(db::transaction& tx, std::int64_t id) {
    co_return db::first_record<event_record>(co_await tx.exec(sql::lock_event, db::params(id)));
}

template <class Db>
awaitable<std::int64_t> insert_event(Db& db, const event_draft& d) {
    const auto prices = columns_of(d.prices);
    auto rows = co_await db.exec(
        sql::insert_event,
        db::params(d.name, d.description, d.start_time, d.end_time, d.venue_id, d.organizer_id,
                   d.status, d.capacity.value_or(0), d.currency, d.sales_start, d.sales_end,
                   prices.categories, prices.cents));
    co_return db::first_record<id_record>(rows).value().id;
}

awaitable<void> update_event(db::transaction& tx, std::int64_t id, const event_draft& d,
                             std::optional<bool> sold_out) {
    co_await tx.exec(sql::update_event,
                     db::params(id, d.name, d.description, d.start_time, d.end_time, d.venue_id,
                                d.status, d.capacity.value_or(0), d.currency, d.sales_start,
                                d.sales_end, sold_out));
}

awaitable<void> replace_prices(db::transaction& tx, std::int64_t id, const std::vector<price>& prices) {
    const auto columns = columns_of(prices);
    co_await tx.exec(sql::replace_event_prices, db::params(id, columns.categories, columns.cents));
}

awaitable<void> cancel_event(db::transaction& tx, std::int64_t id) {
    co_await tx.exec(sql::cancel_event, db::params(id));
}

awaitable<std::optional<sale_record>> find_sale(db::pool& db, std::int64_t id) {
    co_return db::first_record<sale_record>(co_await db.exec(sql::find_event_for_sale, db::params(id)));
}

awaitable<std::vector<seat_sale_record>> find_seats_for_sale(db::pool& db, std::int64_t event_id,
                                                             const std::vector<std::int64_t>& seat_ids) {
    auto rows = co_await db.exec(sql::find_seats_for_sale, db::params(event_id, seat_ids));
    co_return db::records<seat_sale_record>(rows);
}

awaitable<void> set_sold_out(db::pool& db, std::int64_t id, bool sold_out) {
    co_await db.exec(sql::set_sold_out, db::params(id, sold_out));
}

template awaitable<std::optional<event_record>> find_event(db::pool&, std::int64_t);
template awaitable<std::optional<event_record>> find_event(db::transaction&, std::int64_t);
template awaitable<std::int64_t> insert_event(db::pool&, const event_draft&);
template awaitable<std::int64_t> insert_event(db::transaction&, const event_draft&);

}  // namespace proeventa::events
