#pragma once
// Reading venue bodies (POST and PUT /events/venues): top-level fields through field_reader,
// the seat map (layout or explicit seats) and categories through the pure parsers below.
#include "model.hpp"
#include "problems.hpp"
#include "venue_layout.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::events {

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

/// Records every problem in `reader` without finishing it: the caller still checks the
/// timezone against the database and then calls reader.finish().
venue_create_input read_venue_create(field_reader& reader, const json::object& body,
                                     const layout_limits& limits = default_limits);
venue_update_input read_venue_update(field_reader& reader, const json::object& body);

/// `{"sections": [{"name", "rows", "seats_per_row", "category"}]}`.
std::vector<section_spec> parse_layout(const json::value& layout, const layout_limits& limits,
                                       problem_list& problems);
/// `[{"section", "row", "number", "category", "x", "y"}]`, labelled and checked for duplicates.
std::vector<seat_spec> parse_seats(const json::value& seats, const layout_limits& limits,
                                   problem_list& problems);
/// `[{"name", "color"}]`; colours are `#rrggbb`, stored lower-case.
std::vector<category> parse_categories(const json::value& categories, const layout_limits& limits,
                                       problem_list& problems);

/// Shape of an IANA zone name (`Europe/Paris`, `America/Argentina/Buenos_Aires`, `UTC`); whether
/// it exists is the database's answer.
bool plausible_timezone_name(std::string_view name);

/// Copies pure-check problems into the request's field_reader.
void forward(const problem_list& problems, field_reader& reader);

}  // namespace proeventa::events
