#pragma once
// What the events services tell about their own writes, as soon as they commit, so that this
// instance never serves an answer older than a write it just acknowledged. Other instances learn
// of the same writes through NOTIFY (public_answers.hpp).
#include <cstdint>

namespace proeventa::events {

class catalog_changes {
public:
    virtual ~catalog_changes() = default;
    virtual void event_changed(std::int64_t event_id) = 0;
    virtual void venue_changed() = 0;
    virtual void reservations_changed(std::int64_t event_id) = 0;
};

}  // namespace proeventa::events
