#pragma once
// Seat maps kept in memory. A venue's seats never change once it is created (PUT edits only
// name, address and time zone; a different map is a new venue), so a cached map is never stale
// on any instance, and polling an event's seat map costs no seat query after the first. Each
// seat's JSON is kept too: a poll then only appends price and state to ready-made text instead
// of building and serializing 2 000 JSON objects (bench/events_queries.py, release build, one
// shared machine: an event's 2 000-seat map went from 13.2 to 5.3 ms, the venue's from 6.2 to 2.0).
#include "model.hpp"

#include <proeventa/http/representation.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace proeventa::events {

struct seat_map_data {
    std::vector<seat_record> seats;
    /// seats[i] as its API JSON object without the closing brace, so fields can be appended.
    std::vector<std::string> open_json;
    /// The venue's seat geometry as served (a JSON array of the seats), with its ETag and gzip
    /// form: it never changes, so it is served at a content-addressed URL (geometry_path).
    representation_ptr geometry;
    /// `/events/venues/<id>/seats?v=<hash>`: cacheable for a year anywhere.
    std::string geometry_path;

    std::size_t size() const { return seats.size(); }
};

/// Builds the cached form of a venue's seats.
seat_map_data make_seat_map_data(std::int64_t venue_id, std::vector<seat_record> seats);

/// The version part of a geometry URL: the ETag's digest without quotes.
std::string geometry_version(const representation& geometry);

class seat_cache {
public:
    using seats_ptr = std::shared_ptr<const seat_map_data>;

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
