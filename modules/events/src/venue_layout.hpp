#pragma once
// Seat-map geometry and naming: turning a compact rectangular description into seats, the labels
// people read, category colours, and the bounds every seat map must respect. Pure functions.
#include "errors.hpp"
#include "model.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::events {

struct section_spec {
    std::string name;
    std::int64_t rows = 0;
    std::int64_t seats_per_row = 0;
    std::string category;
};

struct layout_limits {
    std::int64_t max_seats = 20'000;
    std::int64_t max_sections = 50;
    std::int64_t max_rows_per_section = 100;
    std::int64_t max_seats_per_row = 200;
    std::int64_t max_categories = 20;
    std::int64_t max_ga_capacity = 200'000;
};
inline constexpr layout_limits default_limits{};

/// Vertical distance, in seat units, between the last row of a section and the next section.
inline constexpr double section_gap = 2.0;

/// Row names for a generated layout: A..Z, then AA, AB, ... (0-based index).
std::string row_name(std::int64_t index);

/// "Stalls, row F, seat 12".
std::string seat_label(std::string_view section, std::string_view row, std::int64_t number);

/// Seats of a rectangular layout in reading order: sections stacked top to bottom, each centred
/// on the widest one; rows lettered from A; seats numbered from 1, left to right.
std::vector<seat_spec> generate_layout(const std::vector<section_spec>& sections);

/// Checks an explicit or generated seat list: size bounds, section count, category count and
/// that no (section, row, number) appears twice. Problems are named under `field_prefix`; at
/// most max_seat_map_problems of them, so a 20 000-seat list of duplicates stays a short answer.
inline constexpr std::size_t max_seat_map_problems = 25;
field_problems check_seat_map(const std::vector<seat_spec>& seats, const layout_limits& limits,
                              std::string_view field_prefix);

/// Fills in labels for seats that have none.
void label_seats(std::vector<seat_spec>& seats);

/// Exactly the categories the seats use: those the client declared first (in its order, with its
/// colours), then the rest in first-use order with palette colours. A declared category no seat
/// uses is dropped, since every event at the venue must price every category.
std::vector<category> categories_for(const std::vector<seat_spec>& seats,
                                     const std::vector<category>& declared);

/// A colour from the default palette, stable for a given position.
std::string palette_color(std::size_t index);

}  // namespace proeventa::events
