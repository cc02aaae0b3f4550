#include "catalog_service.hpp"

#include "event_queries.hpp"
#include "pg_arrays.hpp"

namespace proeventa::events {

void apply_sale_state(event_for_sale& e, const sale_window_facts& f) {
    e.not_on_sale_code.clear();
    e.not_on_sale_reason.clear();
    // Most final state first: a cancelled event is cancelled even if it was also in the past.
    if (f.status == "cancelled") {
        e.not_on_sale_code = "event_cancelled";
        e.not_on_sale_reason = "the event has been cancelled";
    } else if (f.status != "published") {
        e.not_on_sale_code = "not_on_sale";
        e.not_on_sale_reason = "event is not published";
    } else if (f.started) {
        e.not_on_sale_code = "not_on_sale";
        e.not_on_sale_reason = "event has already started";
    } else if (f.before_sales) {
        e.not_on_sale_code = "not_on_sale";
        e.not_on_sale_reason = "sales open at " + f.sales_start.value_or("a later time");
    } else if (f.after_sales) {
        e.not_on_sale_code = "not_on_sale";
        e.not_on_sale_reason = "sales closed at " + f.sales_end.value_or("an earlier time");
    }
}

awaitable<std::optional<event_for_sale>> catalog_service::find_event(std::int64_t event_id) {
    auto rows = co_await db_.exec(sql::find_event_for_sale, db::params(event_id));
    if (rows.empty()) co_return std::nullopt;
    const auto r = rows[0];
    event_for_sale e;
    e.id = r.int64(0);
    e.name = r.string(1);
    e.start_time = r.timestamp(2);
    e.organizer_id = r.int64(3);
    e.venue_id = r.int64(4);
    e.status = r.string(5);
    e.seated = r.boolean(6);
    e.capacity = r.int64(7);
    e.currency = r.string(8);
    e.general_price_cents = e.seated ? 0 : r.int64(9);
    sale_window_facts facts;
    facts.status = e.status;
    facts.started = r.boolean(10);
    facts.before_sales = r.boolean(11);
    facts.after_sales = r.boolean(12);
    facts.sales_start = r.opt_timestamp(13);
    facts.sales_end = r.opt_timestamp(14);
    apply_sale_state(e, facts);
    co_return e;
}

awaitable<std::vector<seat_for_sale>> catalog_service::find_seats(
    std::int64_t event_id, const std::vector<std::int64_t>& seat_ids) {
    std::vector<seat_for_sale> seats;
    if (seat_ids.empty()) co_return seats;
    auto rows = co_await db_.exec(sql::find_seats_for_sale,
                                  db::params(event_id, pg_int_array(seat_ids)));
    seats.reserve(rows.size());
    for (auto r : rows) seats.push_back({r.int64(0), r.string(1), r.string(2), r.int64(3)});
    co_return seats;
}

awaitable<void> catalog_service::set_sold_out(std::int64_t event_id, bool sold_out) {
    co_await db_.exec(sql::set_sold_out, db::params(event_id, sold_out));
}

}  // namespace proeventa::events
