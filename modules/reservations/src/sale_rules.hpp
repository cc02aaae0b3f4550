#pragma once
// The rules a reserve must pass before anything is written, asked of the events catalog alone
// (no database of our own, so they are unit-tested against a fake catalog). The database has the
// last word on the sale when the write happens (event_lock_for_sale); these give the reasons.
#include "reserve_request.hpp"

#include <proeventa/events/events.hpp>
#include <proeventa/http/request_context.hpp>

#include <vector>

namespace proeventa::reservations {

/// What the catalog said about a reserve request, gathered before a connection is taken.
struct sale_plan {
    events::event_for_sale event;
    std::vector<events::seat_for_sale> seats;  // seated events: the requested seats, priced
};

/// The event's organizer or an admin: they see its drafts and its reservations.
bool manages(const principal& who, const events::event_for_sale& event);

/// The plan for `req`, or a failure: not_found for a missing event or someone else's draft;
/// event_cancelled or not_on_sale when it is not on sale now; invalid_input for seats of another
/// venue, a quantity for a seated event or seats for a general-admission one.
awaitable<sale_plan> plan_sale(events::catalog& catalog, const principal& who, const reserve_request& req);

}  // namespace proeventa::reservations
