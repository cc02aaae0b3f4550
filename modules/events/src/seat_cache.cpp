#include "seat_cache.hpp"

namespace proeventa::events {

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
