#include "reservation_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace proeventa::reservations {
namespace {

template <class T>
boost::json::value or_null(const std::optional<T>& v) {
    if (v) return boost::json::value(*v);
    return nullptr;
}

}  // namespace

boost::json::object to_json(const reservation_record& r) {
    boost::json::object o;
    o["id"] = r.id;
    o["event_id"] = r.event_id;
    o["event_name"] = r.event_name;
    o["event_start_time"] = r.event_start_time;
    o["user_id"] = r.user_id;
    o["seat_id"] = or_null(r.seat_id);
    o["seat_label"] = or_null(r.seat_label);
    o["quantity"] = r.quantity;
    o["status"] = r.status;
    o["price_cents"] = r.price_cents;
    o["currency"] = r.currency;
    o["hold_expires_at"] = or_null(r.hold_expires_at);
    o["created_at"] = r.created_at;
    o["updated_at"] = r.updated_at;
    // An addition to the original shape: the booking this reservation is part of.
    o["order_reference"] = or_null(r.order_reference);
    // Also an addition: when it was bought. A cancelled reservation without it was a hold let go.
    o["confirmed_at"] = or_null(r.confirmed_at);
    return o;
}

boost::json::object to_json(const event_reservation& r) {
    auto o = to_json(r.reservation);
    if (r.customer)
        o["customer"] = boost::json::object{
            {"id", r.customer->id}, {"email", r.customer->email}, {"full_name", r.customer->full_name}};
    else
        o["customer"] = nullptr;
    return o;
}

std::string reserve_answer(const std::vector<reservation_record>& made, reserve_form form) {
    if (form == reserve_form::seat_list) {
        boost::json::array items;
        for (const auto& r : made) items.push_back(to_json(r));
        return boost::json::serialize(boost::json::object{{"reservations", std::move(items)}});
    }
    return boost::json::serialize(to_json(made.at(0)));
}

}  // namespace proeventa::reservations
