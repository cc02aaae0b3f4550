#pragma once
// Reading venue bodies (POST and PUT /events/venues) with field_reader: the top-level fields, and
// the seat map (layout, explicit seats or rows x seats_per_row) and categories through nested
// readers that name each problem by its path (`layout.sections[2].rows`).
#include "model.hpp"
#include "venue_layout.hpp"

#include <proeventa/http/json_io.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::events {

/// Records every problem in `body` without finishing it: whether the time zone exists is the
/// database's answer, which the venue service adds.
venue_create_input read_venue_create(field_reader& body, const layout_limits& limits = default_limits);
venue_update_input read_venue_update(field_reader& body);

/// `layout`: `{"sections": [{"name", "rows", "seats_per_row", "category"}]}`. Empty after
/// recording the problems when anything is wrong.
std::vector<section_spec> parse_layout(field_reader& body, const layout_limits& limits);
/// `seats`: `[{"section", "row", "number", "category", "x", "y"}]`, labelled and checked for
/// duplicates. Empty after recording the problems when anything is wrong.
std::vector<seat_spec> parse_seats(field_reader& body, const layout_limits& limits);
/// `categories`: `[{"name", "color"}]`; colours are `#rrggbb`, stored lower-case. nullopt after
/// recording the problems when anything is wrong (an empty list is a valid answer).
std::optional<std::vector<category>> parse_categories(field_reader& body, const layout_limits& limits);

/// Shape of an IANA zone name (`Europe/Paris`, `America/Argentina/Buenos_Aires`, `UTC`); whether
/// it exists is the database's answer.
bool plausible_timezone_name(std::string_view name);

/// Records `problems` (named relative to `reader`) through it.
void record(field_reader& reader, const field_problems& problems);

}  // namespace proeventa::events
