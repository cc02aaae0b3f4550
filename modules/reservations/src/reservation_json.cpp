#include "reservation_json.hpp"

namespace proeventa::reservations {

boost::json::object reservation_to_json(const db::row& r) {
    boost::json::object o;
    o["id"] = r.int64(col::id);
    o["event_id"] = r.int64(col::event_id);
    o["event_name"] = r.string(col::event_name);
    o["event_start_time"] = r.timestamp(col::event_start_time);
    o["user_id"] = r.int64(col::user_id);
    if (auto seat = r.opt_int64(col::seat_id)) o["seat_id"] = *seat;
    else o["seat_id"] = nullptr;
    if (auto label = r.opt_string(col::seat_label)) o["seat_label"] = *label;
    else o["seat_label"] = nullptr;
    o["quantity"] = r.int64(col::quantity);
    o["status"] = r.string(col::status);
    o["price_cents"] = r.int64(col::price_cents);
    o["currency"] = r.string(col::currency);
    if (auto exp = r.opt_timestamp(col::hold_expires_at)) o["hold_expires_at"] = *exp;
    else o["hold_expires_at"] = nullptr;
    o["created_at"] = r.timestamp(col::created_at);
    o["updated_at"] = r.timestamp(col::updated_at);
    return o;
}

}  // namespace proeventa::reservations
