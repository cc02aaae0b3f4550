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

/// Seat coordinates: whole numbers as integers (`3`, not `3E0`), others as they are.
json::value coordinate(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return json::value(static_cast<std::int64_t>(v));
    return json::value(v);
}

}  // namespace

json::object to_json(const venue_record& v) {
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

json::object to_json(const seat_record& s) {
    return json::object{
        {"id", s.id},       {"section", s.section},   {"row", s.row},
        {"number", s.number}, {"label", s.label},     {"category", s.category},
        {"x", coordinate(s.x)}, {"y", coordinate(s.y)},
    };
}

json::object to_json(const event_record& e, std::int64_t places_taken) {
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
