#pragma once
// Plain data the events module passes between its layers (routes, services, repositories).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::events {

struct category {
    std::string name;
    std::string color;  // #rrggbb, for drawing the seat map legend
};

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

struct seat_record {
    std::int64_t id = 0;
    std::string section;
    std::string row;
    std::int64_t number = 0;
    std::string label;
    std::string category;
    double x = 0;
    double y = 0;
};

struct venue_record {
    std::int64_t id = 0;
    std::string name;
    std::string address;
    std::string timezone;
    bool seated = false;
    std::int64_t capacity = 0;
    std::vector<category> categories;
    std::optional<std::int64_t> created_by;
    std::string created_at;
    std::string updated_at;
};

struct price {
    std::string category;
    std::int64_t price_cents = 0;
};

struct event_record {
    std::int64_t id = 0;
    std::string name;
    std::string description;
    std::string start_time;
    std::string end_time;
    std::int64_t venue_id = 0;
    std::string venue_name;
    std::string venue_timezone;
    bool venue_seated = false;
    std::string status;
    std::int64_t capacity = 0;
    std::string currency;
    std::vector<price> prices;
    std::int64_t organizer_id = 0;
    std::optional<std::string> sales_start;
    std::optional<std::string> sales_end;
    bool sold_out = false;
    std::string created_at;
    std::string updated_at;
};

/// The general-admission price category: GA events have exactly one price, under this name.
inline constexpr const char* general_category = "general";
/// The category of seats a venue names none for (the rows x seats_per_row shorthand).
inline constexpr const char* default_category = "standard";

}  // namespace proeventa::events

namespace proeventa::events {

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

}  // namespace proeventa::events
