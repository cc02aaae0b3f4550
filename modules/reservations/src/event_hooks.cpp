#include "event_hooks.hpp"

#include "queries.hpp"

#include <proeventa/http/api_error.hpp>

namespace proeventa::reservations {

awaitable<std::unordered_map<std::int64_t, events::seat_state>> seat_state_reader::taken_seats(std::int64_t event_id) {
    auto rows = co_await db_.exec(sql::taken_seats, db::params(event_id));
    std::unordered_map<std::int64_t, events::seat_state> out;
    out.reserve(rows.size());
    for (auto r : rows)
        out.emplace(r.int64(0), r.text(1) == "held" ? events::seat_state::held : events::seat_state::reserved);
    co_return out;
}

awaitable<std::unordered_map<std::int64_t, std::int64_t>> seat_state_reader::places_taken(
    const std::vector<std::int64_t>& event_ids) {
    std::unordered_map<std::int64_t, std::int64_t> out;
    if (event_ids.empty()) co_return out;
    auto rows = co_await db_.exec(sql::places_taken, db::params(event_ids));
    for (auto r : rows) out.emplace(r.int64(0), r.int64(1));
    co_return out;
}

awaitable<std::int64_t> event_lifecycle::on_event_cancelled(db::transaction& tx, std::int64_t event_id) {
    auto rows = co_await tx.exec(sql::cancel_event, db::params(event_id));
    co_return rows[0].int64(0);
}

awaitable<std::int64_t> event_lifecycle::lock_places_taken(db::transaction& tx, std::int64_t event_id) {
    // General admission: the counter row lock holds new reservations back until the events
    // transaction ends. Seated events are guarded by the seat index; counting is enough.
    co_await tx.exec(sql::lock_inventory, db::params(event_id));
    auto rows = co_await tx.exec(sql::active_places, db::params(event_id));
    co_return rows[0].int64(0);
}

awaitable<void> event_lifecycle::on_capacity_changed(db::transaction& tx, std::int64_t event_id,
                                                     std::int64_t capacity) {
    try {
        co_await tx.exec(sql::set_capacity, db::params(event_id, capacity));
    } catch (const db::query_error& e) {
        if (e.constraint() != "ga_inventory_within_capacity") throw;
        throw errors::conflict("capacity_below_reserved",
                               "capacity cannot drop below the places already reserved");
    }
}

}  // namespace proeventa::reservations
