#include "order_service.hpp"

#include "booking_reference.hpp"
#include "errors.hpp"

#include <map>

namespace proeventa::reservations {
namespace {

failure order_not_found() { return failure(errc::not_found, "order not found"); }

}  // namespace

awaitable<order_with_positions> order_service::find(const principal& who, std::string_view typed) {
    const auto reference = parse_booking_reference(typed);
    if (!reference) throw order_not_found();
    auto found = co_await repository_.find(*reference);
    if (!found) throw order_not_found();
    if (!who.is_admin() && found->user_id != who.user_id) {
        const auto event = co_await catalog_.find_event(found->event_id);
        if (!event || event->organizer_id != who.user_id) throw order_not_found();
    }
    const std::vector<std::string> refs{*reference};
    auto positions = co_await repository_.positions(refs);
    co_return order_with_positions{std::move(*found), std::move(positions)};
}

awaitable<order_list> order_service::list_for_user(const principal& who, std::int64_t user_id,
                                                   std::int64_t limit, std::int64_t offset) {
    // Someone else's orders are not acknowledged to exist, as a single order is not.
    if (!who.is_admin() && who.user_id != user_id) throw order_not_found();
    auto page = co_await repository_.list_by_user(user_id, limit, offset);
    std::vector<std::string> refs;
    for (const auto& o : page.items) refs.push_back(o.reference);
    std::map<std::string, std::vector<reservation_record>> by_order;
    if (!refs.empty()) {
        auto positions = co_await repository_.positions(refs);
        for (auto& p : positions) by_order[p.order_reference.value_or("")].push_back(std::move(p));
    }
    order_list out;
    out.total = page.total;
    for (auto& o : page.items) {
        auto positions = std::move(by_order[o.reference]);
        out.items.push_back({std::move(o), std::move(positions)});
    }
    co_return out;
}

}  // namespace proeventa::reservations
