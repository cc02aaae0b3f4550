#pragma once
// The two interfaces the events module declares and this module implements: seat states for
// the seat map, and lifecycle hooks run inside the events module's transactions.
#include "reservation_repository.hpp"

#include <proeventa/events/events.hpp>

namespace proeventa::reservations {

class seat_state_reader final : public events::seat_states {
public:
    explicit seat_state_reader(reservation_repository& repository) : repository_(repository) {}
    awaitable<std::unordered_map<std::int64_t, events::seat_state>> taken_seats(std::int64_t event_id) override;
    awaitable<std::unordered_map<std::int64_t, std::int64_t>> places_taken(
        const std::vector<std::int64_t>& event_ids) override;

private:
    reservation_repository& repository_;
};

class event_lifecycle final : public events::lifecycle_listener {
public:
    awaitable<std::int64_t> on_event_cancelled(db::transaction& tx, std::int64_t event_id) override;
    awaitable<std::int64_t> lock_places_taken(db::transaction& tx, std::int64_t event_id) override;
    awaitable<void> on_capacity_changed(db::transaction& tx, std::int64_t event_id, std::int64_t capacity) override;
};

}  // namespace proeventa::reservations
