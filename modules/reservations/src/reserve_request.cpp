#include "reserve_request.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/json/object.hpp>

#include <algorithm>

namespace proeventa::reservations {

std::string reserve_request::fingerprint() const {
    // The form counts: a replay answers in the first request's shape, so `"seat_id": 5` and
    // `"seat_ids": [5]` are different requests under one Idempotency-Key.
    std::string out = "event=" + std::to_string(event_id) + ";form=" + std::to_string(static_cast<int>(form)) +
                      ";seats=";
    for (auto id : seat_ids) out += std::to_string(id) + ",";
    out += ";quantity=" + std::to_string(quantity) + ";hold=" + (hold ? "1" : "0");
    return out;
}

reserve_request parse_reserve_request(const boost::json::object& body) {
    field_reader f(body);
    reserve_request req;
    req.event_id = f.integer("event_id", true, 1, INT64_MAX).value_or(0);
    req.hold = f.boolean("hold", false).value_or(false);

    const int shapes = int(f.has("seat_id")) + int(f.has("seat_ids")) + int(f.has("quantity"));
    if (shapes == 0) {
        f.fail("seat_ids", "give seat_id, seat_ids or quantity");
    } else if (shapes > 1) {
        f.fail("seat_ids", "give only one of seat_id, seat_ids or quantity");
    } else if (f.has("seat_id")) {
        req.form = reserve_form::one_seat;
        if (auto id = f.integer("seat_id", true, 1, INT64_MAX)) req.seat_ids.push_back(*id);
    } else if (f.has("seat_ids")) {
        req.form = reserve_form::seat_list;
        const auto* raw = f.raw("seat_ids");
        if (!raw->is_array() || raw->as_array().empty() ||
            raw->as_array().size() > max_seats_per_request) {
            f.fail("seat_ids", "must be a list of 1 to 10 seat ids");
        } else {
            for (const auto& v : raw->as_array()) {
                if (!v.is_int64() || v.as_int64() < 1) {
                    f.fail("seat_ids", "must contain positive integer seat ids");
                    break;
                }
                req.seat_ids.push_back(v.as_int64());
            }
            std::sort(req.seat_ids.begin(), req.seat_ids.end());
            if (std::adjacent_find(req.seat_ids.begin(), req.seat_ids.end()) != req.seat_ids.end())
                f.fail("seat_ids", "must not name a seat twice");
        }
    } else {
        req.form = reserve_form::places;
        req.quantity = f.integer("quantity", true, 1, max_places_per_request).value_or(0);
    }
    f.finish();
    return req;
}

}  // namespace proeventa::reservations
