#pragma once
// The interfaces other modules declare and this module implements: seat states for the seat map,
// lifecycle hooks run inside the events module's transactions, and the auth module's account
// deletion hook.
#include "order_mailer.hpp"
#include "reservation_repository.hpp"

#include <proeventa/auth/auth.hpp>
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
    explicit event_lifecycle(order_mailer& mailer) : mailer_(mailer) {}
    /// Also writes a cancellation mail to each buyer of a bought ticket, in the same transaction.
    awaitable<std::int64_t> on_event_cancelled(db::transaction& tx, std::int64_t event_id) override;
    awaitable<std::int64_t> lock_places_taken(db::transaction& tx, std::int64_t event_id) override;
    awaitable<void> on_capacity_changed(db::transaction& tx, std::int64_t event_id, std::int64_t capacity) override;

private:
    order_mailer& mailer_;
};

/// The auth module's deletion hook: a deleted account's future bookings are cancelled in the
/// deleting transaction (its past ones stay; the account row they point at keeps no personal data).
class account_lifecycle final : public auth::account_deletion_listener {
public:
    awaitable<void> on_account_deleted(db::transaction& tx, std::int64_t user_id) override;
};

}  // namespace proeventa::reservations
