#pragma once
// Rows the events module reads, each filled by column name (db::records): the SQL in sql/*.sql
// names its columns after these members (`v.name AS venue_name`). Prices and categories arrive
// as json_agg lists of objects whose keys are the members of price and category.
#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::events {

struct category {
    std::string name;
    std::string color;  // #rrggbb, for drawing the seat map legend
};
BOOST_DESCRIBE_STRUCT(category, (), (name, color))

struct price {
    std::string category;
    std::int64_t price_cents = 0;
};
BOOST_DESCRIBE_STRUCT(price, (), (category, price_cents))

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
BOOST_DESCRIBE_STRUCT(seat_record, (), (id, section, row, number, label, category, x, y))

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
BOOST_DESCRIBE_STRUCT(venue_record, (),
                      (id, name, address, timezone, seated, capacity, categories, created_by, created_at,
                       updated_at))

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
BOOST_DESCRIBE_STRUCT(event_record, (),
                      (id, name, description, start_time, end_time, venue_id, venue_name, venue_timezone,
                       venue_seated, status, capacity, currency, prices, organizer_id, sales_start,
                       sales_end, sold_out, created_at, updated_at))

/// An event as reservations buys it (find_event_for_sale.sql), with the on-sale facts the
/// database worked out against its own clock.
struct sale_record {
    std::int64_t id = 0;
    std::string name;
    std::string start_time;
    std::int64_t organizer_id = 0;
    std::int64_t venue_id = 0;
    std::string status;
    bool seated = false;
    std::int64_t capacity = 0;
    std::string currency;
    std::int64_t general_price_cents = 0;
    bool started = false;
    bool before_sales = false;
    bool after_sales = false;
    std::optional<std::string> sales_start;
    std::optional<std::string> sales_end;
};
BOOST_DESCRIBE_STRUCT(sale_record, (),
                      (id, name, start_time, organizer_id, venue_id, status, seated, capacity, currency,
                       general_price_cents, started, before_sales, after_sales, sales_start, sales_end))

/// A seat as reservations buys it (find_seats_for_sale.sql).
struct seat_sale_record {
    std::int64_t id = 0;
    std::string label;
    std::string category;
    std::int64_t price_cents = 0;
};
BOOST_DESCRIBE_STRUCT(seat_sale_record, (), (id, label, category, price_cents))

/// The id an INSERT ... RETURNING id gave.
struct id_record {
    std::int64_t id = 0;
};
BOOST_DESCRIBE_STRUCT(id_record, (), (id))

/// `SELECT count(*) AS total`.
struct total_record {
    std::int64_t total = 0;
};
BOOST_DESCRIBE_STRUCT(total_record, (), (total))

/// A row of pg_timezone_names.
struct zone_record {
    std::string name;
};
BOOST_DESCRIBE_STRUCT(zone_record, (), (name))

}  // namespace proeventa::events
