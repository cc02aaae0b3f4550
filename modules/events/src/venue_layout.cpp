#include "venue_layout.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>
#include <unordered_set>

namespace proeventa::events {

std::string row_name(std::int64_t index) {
    // Bijective base 26, so the row after Z is AA (as printed on real tickets), not BA.
    std::string name;
    for (std::int64_t n = index + 1; n > 0; n = (n - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

std::string seat_label(std::string_view section, std::string_view row, std::int64_t number) {
    std::string label;
    label.reserve(section.size() + row.size() + 24);
    label.append(section).append(", row ").append(row).append(", seat ");
    label.append(std::to_string(number));
    return label;
}

std::vector<seat_spec> generate_layout(const std::vector<section_spec>& sections) {
    std::int64_t widest = 0;
    std::int64_t total = 0;
    for (const auto& s : sections) {
        widest = std::max(widest, s.seats_per_row);
        total += std::max<std::int64_t>(0, s.rows) * std::max<std::int64_t>(0, s.seats_per_row);
    }
    std::vector<seat_spec> seats;
    seats.reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, total)));
    double top = 0;
    for (const auto& s : sections) {
        const double indent = static_cast<double>(widest - s.seats_per_row) / 2.0;
        for (std::int64_t r = 0; r < s.rows; ++r) {
            std::string row = row_name(r);
            for (std::int64_t n = 1; n <= s.seats_per_row; ++n) {
                seat_spec seat;
                seat.section = s.name;
                seat.row = row;
                seat.number = n;
                seat.category = s.category;
                seat.x = indent + static_cast<double>(n - 1);
                seat.y = top + static_cast<double>(r);
                seat.label = seat_label(s.name, row, n);
                seats.push_back(std::move(seat));
            }
        }
        top += static_cast<double>(s.rows) + section_gap;
    }
    return seats;
}

field_problems check_seat_map(const std::vector<seat_spec>& seats, const layout_limits& limits,
                              std::string_view field_prefix) {
    const std::string field(field_prefix);
    field_problems problems;
    auto add = [&problems](std::string name, std::string message) {
        if (problems.size() < max_seat_map_problems)
            problems.push_back({std::move(name), std::move(message)});
    };
    if (seats.empty()) {
        add(field, "a seat map needs at least one seat");
        return problems;
    }
    if (static_cast<std::int64_t>(seats.size()) > limits.max_seats) {
        add(field, "a venue has at most " + std::to_string(limits.max_seats) + " seats");
        return problems;
    }
    std::unordered_set<std::string> sections;
    std::unordered_set<std::string> categories;
    std::set<std::tuple<std::string_view, std::string_view, std::int64_t>> seen;
    for (std::size_t i = 0; i < seats.size(); ++i) {
        const auto& s = seats[i];
        sections.insert(s.section);
        categories.insert(s.category);
        if (!seen.emplace(s.section, s.row, s.number).second)
            add(field + "[" + std::to_string(i) + "]",
                "duplicate seat: " + seat_label(s.section, s.row, s.number));
    }
    if (static_cast<std::int64_t>(sections.size()) > limits.max_sections)
        add(field, "a venue has at most " + std::to_string(limits.max_sections) + " sections");
    if (static_cast<std::int64_t>(categories.size()) > limits.max_categories)
        add(field, "a venue has at most " + std::to_string(limits.max_categories) + " price categories");
    return problems;
}

void label_seats(std::vector<seat_spec>& seats) {
    for (auto& s : seats)
        if (s.label.empty()) s.label = seat_label(s.section, s.row, s.number);
}

std::string palette_color(std::size_t index) {
    // Distinguishable on a dark or light seat map and for the common colour-vision deficiencies
    // (Okabe-Ito order), so categories stay readable without a legend lookup.
    static constexpr std::array<const char*, 8> palette{
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f"};
    return palette[index % palette.size()];
}

std::vector<category> categories_for(const std::vector<seat_spec>& seats,
                                     const std::vector<category>& declared) {
    std::vector<std::string> used;
    std::unordered_set<std::string> seen;
    for (const auto& s : seats)
        if (seen.insert(s.category).second) used.push_back(s.category);

    std::vector<category> out;
    auto listed = [&out](const std::string& name) {
        return std::any_of(out.begin(), out.end(), [&](const category& c) { return c.name == name; });
    };
    // Declared order first: it is the order the organizer wants in the legend (A before B).
    for (const auto& d : declared)
        if (seen.count(d.name) && !listed(d.name))
            out.push_back({d.name, d.color.empty() ? palette_color(out.size()) : d.color});
    for (const auto& name : used)
        if (!listed(name)) out.push_back({name, palette_color(out.size())});
    return out;
}

}  // namespace proeventa::events
