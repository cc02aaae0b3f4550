#pragma once
// Seat maps kept in memory. A venue's seats never change once it is created (PUT edits only
// name, address and time zone; a different map is a new venue), so a cached map is never stale
// on any instance, and polling an event's seat map costs no seat query after the first.
#include "model.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace proeventa::events {

class seat_cache {
public:
    using seats_ptr = std::shared_ptr<const std::vector<seat_record>>;

    /// Bounded by seats, not venues: ten 20 000-seat arenas weigh as much as a thousand clubs.
    explicit seat_cache(std::size_t max_seats = 200'000) : max_seats_(max_seats) {}

    seats_ptr find(std::int64_t venue_id) const;
    void put(std::int64_t venue_id, seats_ptr seats);

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, seats_ptr> maps_;
    std::deque<std::int64_t> order_;  // insertion order, oldest first
    std::size_t seats_ = 0;
    std::size_t max_seats_;
};

}  // namespace proeventa::events
