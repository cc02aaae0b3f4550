#include "seat_cache.hpp"

#include "json_mapping.hpp"

#include <boost/json/serialize.hpp>

namespace proeventa::events {

seat_map_data make_seat_map_data(std::int64_t venue_id, std::vector<seat_record> seats) {
    seat_map_data data;
    data.open_json.reserve(seats.size());
    std::string geometry = "[";
    for (const auto& s : seats) {
        std::string text = boost::json::serialize(to_json(s));
        if (geometry.size() > 1) geometry += ',';
        geometry += text;
        text.pop_back();  // the closing brace
        data.open_json.push_back(std::move(text));
    }
    geometry += ']';
    data.geometry = make_representation(std::move(geometry));
    data.geometry_path =
        "/events/venues/" + std::to_string(venue_id) + "/seats?v=" + geometry_version(*data.geometry);
    data.seats = std::move(seats);
    return data;
}

std::string geometry_version(const representation& geometry) {
    return geometry.etag.substr(1, geometry.etag.size() - 2);
}

seat_cache::seats_ptr seat_cache::find(std::int64_t venue_id) const {
    std::lock_guard lock(mutex_);
    auto it = maps_.find(venue_id);
    return it == maps_.end() ? nullptr : it->second;
}

void seat_cache::put(std::int64_t venue_id, seats_ptr seats) {
    if (!seats || seats->size() > max_seats_) return;
    std::lock_guard lock(mutex_);
    if (maps_.count(venue_id)) return;
    while (!order_.empty() && seats_ + seats->size() > max_seats_) {
        auto oldest = maps_.find(order_.front());
        seats_ -= oldest->second->size();
        maps_.erase(oldest);
        order_.pop_front();
    }
    seats_ += seats->size();
    order_.push_back(venue_id);
    maps_.emplace(venue_id, std::move(seats));
}

}  // namespace proeventa::events
