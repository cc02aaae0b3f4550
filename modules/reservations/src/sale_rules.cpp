#include "sale_rules.hpp"

#include "errors.hpp"

#include <algorithm>

namespace proeventa::reservations {

bool manages(const principal& who, const events::event_for_sale& event) {
    return who.is_admin() || event.organizer_id == who.user_id;
}

awaitable<sale_plan> plan_sale(events::catalog& catalog, const principal& who, const reserve_request& req) {
    auto event = co_await catalog.find_event(req.event_id);
    // Someone else's draft is reported exactly like a missing event, as the events routes do.
    if (!event || (event->status == "draft" && !manages(who, *event)))
        throw failure(errc::not_found, "event " + std::to_string(req.event_id) + " does not exist");
    if (!event->not_on_sale_code.empty())
        throw failure(event->not_on_sale_code == "event_cancelled" ? errc::event_cancelled : errc::not_on_sale,
                      event->not_on_sale_reason);
    if (event->seated && req.seat_ids.empty())
        throw failure(errc::invalid_input, "choose seats for this event",
                      {{"seat_ids", "this event has numbered seats: choose seat_ids"}});
    if (!event->seated && !req.seat_ids.empty())
        throw failure(errc::invalid_input, "choose a quantity for this event",
                      {{"quantity", "this event is general admission: give a quantity"}});

    sale_plan plan{std::move(*event), {}};
    if (plan.event.seated) {
        plan.seats = co_await catalog.find_seats(plan.event.id, req.seat_ids);
        if (plan.seats.size() != req.seat_ids.size()) {
            std::vector<std::int64_t> foreign;
            for (auto id : req.seat_ids) {
                const bool found = std::any_of(plan.seats.begin(), plan.seats.end(),
                                               [id](const events::seat_for_sale& s) { return s.id == id; });
                if (!found) foreign.push_back(id);
            }
            throw seats_elsewhere(foreign);
        }
    }
    co_return plan;
}

}  // namespace proeventa::reservations
