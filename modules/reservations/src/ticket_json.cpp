#include "ticket_json.hpp"

#include <boost/json/array.hpp>

namespace proeventa::reservations {
namespace {

template <class T>
boost::json::value or_null(const std::optional<T>& v) {
    if (v) return boost::json::value(*v);
    return nullptr;
}

}  // namespace

boost::json::object to_json(const issued_ticket& t) {
    const auto& r = t.ticket;
    return {{"reservation_id", r.id},
            {"event_id", r.event_id},
            {"event_name", r.event_name},
            {"event_start_time", r.event_start_time},
            {"seat_label", or_null(r.seat_label)},
            {"category", or_null(r.seat_category)},
            {"quantity", r.quantity},
            {"order_reference", or_null(r.order_reference)},
            {"holder_name", t.holder_name},
            {"version", r.ticket_version},
            {"code", t.code},
            {"checked_in_at", or_null(r.checked_in_at)}};
}

boost::json::object to_json(const event_ticket_key& k) {
    return {{"event_id", k.event_id},
            {"algorithm", "Ed25519"},
            {"public_key", base64url(k.public_key.data(), k.public_key.size())},
            {"public_key_pem", public_key_pem(k.public_key)},
            {"code_format",
             "PE1.<event_id>.<reservation_id>.<version>.<base64url Ed25519 signature of the text "
             "before the last dot>"}};
}

boost::json::object to_json(const checkin_result& c) {
    const auto& r = c.ticket;
    return {{"status", "checked_in"},
            {"checked_in_at", c.checked_in_at},
            {"reservation_id", r.id},
            {"event_id", r.event_id},
            {"holder", boost::json::object{{"id", r.user_id}, {"full_name", c.holder_name}}},
            {"seat_label", or_null(r.seat_label)},
            {"category", or_null(r.seat_category)},
            {"quantity", r.quantity},
            {"order_reference", or_null(r.order_reference)}};
}

boost::json::object to_json(const checkin_summary& s) {
    boost::json::array categories;
    std::int64_t total = 0, in = 0;
    for (const auto& c : s.categories) {
        categories.push_back({{"category", c.category}, {"checked_in", c.checked_in}, {"total", c.total}});
        total += c.total;
        in += c.checked_in;
    }
    return {{"event_id", s.event_id},
            {"checked_in", in},
            {"total", total},
            {"categories", std::move(categories)}};
}

}  // namespace proeventa::reservations
