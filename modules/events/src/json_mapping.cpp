#include "json_mapping.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>

namespace proeventa::events {

namespace {

json::value optional_string(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

std::string string_field(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t int_field(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v) return 0;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
    if (v->is_double()) return static_cast<std::int64_t>(v->get_double());
    return 0;
}

}  // namespace

json::value coordinate(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return json::value(static_cast<std::int64_t>(v));
    return json::value(v);
}

event_record event_from_row(const db::row& r) {
    event_record e;
    e.id = r.int64(0);
    e.name = r.string(1);
    e.description = r.string(2);
    e.start_time = r.timestamp(3);
    e.end_time = r.timestamp(4);
    e.venue_id = r.int64(5);
    e.venue_name = r.string(6);
    e.venue_timezone = r.string(7);
    e.venue_seated = r.boolean(8);
    e.status = r.string(9);
    e.capacity = r.int64(10);
    e.currency = r.string(11);
    e.organizer_id = r.int64(12);
    e.sales_start = r.opt_timestamp(13);
    e.sales_end = r.opt_timestamp(14);
    e.sold_out = r.boolean(15);
    e.created_at = r.timestamp(16);
    e.updated_at = r.timestamp(17);
    const json::value prices = r.json(18);
    if (const json::array* items = prices.if_array())
        for (const auto& item : *items)
            if (const json::object* p = item.if_object())
                e.prices.push_back({string_field(*p, "category"), int_field(*p, "price_cents")});
    return e;
}

venue_record venue_from_row(const db::row& r) {
    venue_record v;
    v.id = r.int64(0);
    v.name = r.string(1);
    v.address = r.string(2);
    v.timezone = r.string(3);
    v.seated = r.boolean(4);
    v.capacity = r.int64(5);
    v.created_by = r.opt_int64(6);
    v.created_at = r.timestamp(7);
    v.updated_at = r.timestamp(8);
    const json::value cats = r.json(9);
    if (const json::array* items = cats.if_array())
        for (const auto& item : *items)
            if (const json::object* c = item.if_object())
                v.categories.push_back({string_field(*c, "name"), string_field(*c, "color")});
    return v;
}

seat_record seat_from_row(const db::row& r) {
    seat_record s;
    s.id = r.int64(0);
    s.section = r.string(1);
    s.row = r.string(2);
    s.number = r.int64(3);
    s.label = r.string(4);
    s.category = r.string(5);
    s.x = r.float64(6);
    s.y = r.float64(7);
    return s;
}

json::object venue_to_json(const venue_record& v) {
    json::array categories;
    for (const auto& c : v.categories) categories.push_back(json::object{{"name", c.name}, {"color", c.color}});
    return json::object{
        {"id", v.id},
        {"name", v.name},
        {"address", v.address},
        {"timezone", v.timezone},
        {"kind", v.seated ? "seated" : "general_admission"},
        {"capacity", v.capacity},
        {"categories", std::move(categories)},
        {"created_by", v.created_by ? json::value(*v.created_by) : json::value(nullptr)},
        {"created_at", v.created_at},
        {"updated_at", v.updated_at},
    };
}

json::object seat_to_json(const seat_record& s) {
    return json::object{
        {"id", s.id},       {"section", s.section},   {"row", s.row},
        {"number", s.number}, {"label", s.label},     {"category", s.category},
        {"x", coordinate(s.x)}, {"y", coordinate(s.y)},
    };
}

json::object event_to_json(const event_record& e, std::int64_t places_taken) {
    json::array prices;
    for (const auto& p : e.prices)
        prices.push_back(json::object{{"category", p.category}, {"price_cents", p.price_cents}});
    // A cancelled event sells nothing, whatever its capacity says.
    const std::int64_t available =
        e.status == "cancelled" ? 0 : std::max<std::int64_t>(0, e.capacity - places_taken);
    return json::object{
        {"id", e.id},
        {"name", e.name},
        {"description", e.description},
        {"start_time", e.start_time},
        {"end_time", e.end_time},
        {"venue_id", e.venue_id},
        {"venue", json::object{{"id", e.venue_id},
                               {"name", e.venue_name},
                               {"timezone", e.venue_timezone},
                               {"kind", e.venue_seated ? "seated" : "general_admission"}}},
        {"status", e.status},
        {"capacity", e.capacity},
        {"currency", e.currency},
        {"prices", std::move(prices)},
        {"organizer_id", e.organizer_id},
        {"sales_start", optional_string(e.sales_start)},
        {"sales_end", optional_string(e.sales_end)},
        {"places_available", available},
        {"seats_available", e.venue_seated ? json::value(available) : json::value(nullptr)},
        {"created_at", e.created_at},
        {"updated_at", e.updated_at},
    };
}

}  // namespace proeventa::events
