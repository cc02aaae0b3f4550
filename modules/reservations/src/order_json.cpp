#include "order_json.hpp"

#include "reservation_json.hpp"

#include <boost/json/array.hpp>

namespace proeventa::reservations {

boost::json::object to_json(const order_with_positions& o) {
    boost::json::array positions;
    for (const auto& p : o.positions) positions.push_back(to_json(p));
    return {{"reference", o.order.reference},     {"status", o.order.status},
            {"user_id", o.order.user_id},         {"event_id", o.order.event_id},
            {"event_name", o.order.event_name},   {"event_start_time", o.order.event_start_time},
            {"total_cents", o.order.total_cents}, {"currency", o.order.currency},
            {"created_at", o.order.created_at},   {"positions", std::move(positions)}};
}

}  // namespace proeventa::reservations
