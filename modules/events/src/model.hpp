#pragma once
// Plain data the events module passes between its layers that is not a row: seats before they
// have an id, an event's writable fields, the services' typed inputs, and the module's fixed
// names.
#include "records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::events {

/// A seat as described by a client or generated from a layout, before it has an id.
struct seat_spec {
    std::string section;
    std::string row;
    std::int64_t number = 0;
    std::string category;
    double x = 0;
    double y = 0;
    std::string label;
};

/// Every writable field of an event: what an INSERT or UPDATE stores.
struct event_draft {
    std::string name;
    std::string description;
    std::string start_time;
    std::string end_time;
    std::int64_t venue_id = 0;
    std::int64_t organizer_id = 0;
    std::string status = "draft";
    std::optional<std::int64_t> capacity;  // decided by check_event for seated venues
    std::string currency = "EUR";
    std::vector<price> prices;
    std::optional<std::string> sales_start;
    std::optional<std::string> sales_end;
};

// Typed inputs of the services, as the routes read them from request bodies.

/// What a request body says; absent fields are nullopt (PUT keeps their current value).
struct event_input {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
    std::optional<std::int64_t> venue_id;
    std::optional<std::string> status;
    std::optional<std::int64_t> capacity;
    std::optional<std::string> currency;
    std::optional<std::vector<price>> prices;
    /// Shorthand: one price for every category of the venue.
    std::optional<std::int64_t> price_cents;
    // Sales windows may be cleared with null, so "given" is tracked apart from the value.
    bool sales_start_given = false;
    std::optional<std::string> sales_start;
    bool sales_end_given = false;
    std::optional<std::string> sales_end;
};

struct venue_create_input {
    std::string name;
    std::string address;
    std::string timezone;
    bool seated = false;
    std::int64_t capacity = 0;
    std::vector<seat_spec> seats;  // labelled, empty for general admission
    std::vector<category> categories;
};

struct venue_update_input {
    std::optional<std::string> name;
    std::optional<std::string> address;
    std::optional<std::string> timezone;
};

/// The general-admission price category: GA events have exactly one price, under this name.
inline constexpr const char* general_category = "general";
/// The category of seats a venue names none for (the rows x seats_per_row shorthand).
inline constexpr const char* default_category = "standard";

}  // namespace proeventa::events
