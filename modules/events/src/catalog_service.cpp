#include "catalog_service.hpp"

#include "event_repository.hpp"

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
    const auto row = co_await find_sale(db_, event_id);
    if (!row) co_return std::nullopt;
    event_for_sale e;
    e.id = row->id;
    e.name = row->name;
    e.start_time = row->start_time;
    e.organizer_id = row->organizer_id;
    e.venue_id = row->venue_id;
    e.status = row->status;
    e.seated = row->seated;
    e.capacity = row->capacity;
    e.currency = row->currency;
    e.general_price_cents = row->seated ? 0 : row->general_price_cents;
    sale_window_facts facts;
    facts.status = row->status;
    facts.started = row->started;
    facts.before_sales = row->before_sales;
    facts.after_sales = row->after_sales;
    facts.sales_start = row->sales_start;
    facts.sales_end = row->sales_end;
    apply_sale_state(e, facts);
    co_return e;
}

awaitable<std::vector<seat_for_sale>> catalog_service::find_seats(
    std::int64_t event_id, const std::vector<std::int64_t>& seat_ids) {
    std::vector<seat_for_sale> seats;
    if (seat_ids.empty()) co_return seats;
    const auto found = co_await find_seats_for_sale(db_, event_id, seat_ids);
    seats.reserve(found.size());
    for (const auto& s : found) seats.push_back({s.id, s.label, s.category, s.price_cents});
    co_return seats;
}

awaitable<void> catalog_service::set_sold_out(std::int64_t event_id, bool sold_out) {
    co_await events::set_sold_out(db_, event_id, sold_out);
}

}  // namespace proeventa::events
