#include "event_hooks.hpp"

#include "errors.hpp"
#include "sql.hpp"

namespace proeventa::reservations {

awaitable<std::unordered_map<std::int64_t, events::seat_state>> seat_state_reader::taken_seats(std::int64_t event_id) {
    const auto seats = co_await repository_.taken_seats(event_id);
    std::unordered_map<std::int64_t, events::seat_state> out;
    out.reserve(seats.size());
    for (const auto& s : seats)
        out.emplace(s.seat_id, s.status == "held" ? events::seat_state::held : events::seat_state::reserved);
    co_return out;
}

awaitable<std::unordered_map<std::int64_t, std::int64_t>> seat_state_reader::places_taken(
    const std::vector<std::int64_t>& event_ids) {
    std::unordered_map<std::int64_t, std::int64_t> out;
    if (event_ids.empty()) co_return out;
    const auto places = co_await repository_.places_taken(event_ids);
    for (const auto& e : places) out.emplace(e.event_id, e.places);
    co_return out;
}

awaitable<std::int64_t> event_lifecycle::on_event_cancelled(db::transaction& tx, std::int64_t event_id) {
    const auto cancelled = co_await reservation_repository::cancel_event(tx, event_id);
    co_await mailer_.queue_cancellations(tx, cancelled);
    co_return static_cast<std::int64_t>(cancelled.size());
}

awaitable<std::int64_t> event_lifecycle::lock_places_taken(db::transaction& tx, std::int64_t event_id) {
    co_return co_await reservation_repository::lock_places_taken(tx, event_id);
}

awaitable<void> event_lifecycle::on_capacity_changed(db::transaction& tx, std::int64_t event_id,
                                                     std::int64_t capacity) {
    try {
        co_await reservation_repository::set_capacity(tx, event_id, capacity);
    } catch (const db::query_error& e) {
        if (e.constraint() != "ga_inventory_within_capacity") throw;
        // This runs inside an events request, whose routes know only the events module's
        // failures: it leaves as the HTTP answer this module's one mapping gives it.
        throw to_api_error(failure(errc::capacity_below_reserved,
                                   "capacity cannot drop below the places already reserved"));
    }
}

awaitable<void> account_lifecycle::on_account_deleted(db::transaction& tx, std::int64_t user_id) {
    co_await tx.exec(sql::cancel_future_of_user, db::params(user_id));
}

}  // namespace proeventa::reservations
