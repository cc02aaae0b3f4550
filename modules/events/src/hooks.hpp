#pragma once
// What other modules plug into events at wiring time (main.cpp), before any request is served.
#include <proeventa/events/events.hpp>

#include <vector>

namespace proeventa::events {

struct module_hooks {
    seat_states* states = nullptr;  // null until reservations is wired: everything is available
    std::vector<lifecycle_listener*> listeners;
};

}  // namespace proeventa::events
