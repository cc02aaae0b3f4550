#include "venue_validation.hpp"

#include <proeventa/text.hpp>

#include <boost/json/value.hpp>

#include <cctype>
#include <unordered_set>

namespace proeventa::events {

namespace {

constexpr double max_coordinate = 100'000;

bool is_hex_color(std::string_view s) {
    if (s.size() != 7 || s[0] != '#') return false;
    for (char c : s.substr(1))
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

/// Top-level `{rows, seats_per_row, category?}` as its one section, or nullopt after recording
/// what is wrong.
std::optional<section_spec> read_grid_shorthand(field_reader& reader, const layout_limits& limits) {
    const auto rows = reader.integer("rows", true, 1, limits.max_rows_per_section);
    const auto per_row = reader.integer("seats_per_row", true, 1, limits.max_seats_per_row);
    const auto cat = reader.string("category", false, 1, 40);
    if (!rows || !per_row || (reader.has("category") && !cat)) return std::nullopt;
    if (*rows * *per_row > limits.max_seats) {
        reader.fail("rows", "a venue has at most " + std::to_string(limits.max_seats) + " seats");
        return std::nullopt;
    }
    return section_spec{"Main", *rows, *per_row, cat.value_or(default_category)};
}

}  // namespace

bool plausible_timezone_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
    if (name.find("..") != std::string_view::npos || name.find("//") != std::string_view::npos) return false;
    for (char c : name) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' ||
                        c == '-' || c == '+';
        if (!ok) return false;
    }
    return true;
}

void record(field_reader& reader, const field_problems& problems) {
    for (const auto& p : problems) reader.fail(p.field, p.message);
}

std::vector<section_spec> parse_layout(field_reader& body, const layout_limits& limits) {
    const json::value* raw = body.raw("layout");
    if (!raw || !raw->is_object()) {
        body.fail("layout", "must be an object with \"sections\"");
        return {};
    }
    auto layout = body.object("layout", true);
    const json::value* list = layout->raw("sections");
    if (!list || !list->is_array() || list->get_array().empty()) {
        layout->fail("sections", "must be a non-empty array of sections");
        return {};
    }
    const std::size_t count = list->get_array().size();
    if (static_cast<std::int64_t>(count) > limits.max_sections) {
        layout->fail("sections", "a venue has at most " + std::to_string(limits.max_sections) + " sections");
        return {};
    }
    auto items = layout->objects("sections", true, 1, count);
    std::vector<section_spec> sections;
    std::unordered_set<std::string> names;
    std::int64_t total = 0;
    bool complete = items->complete;
    for (auto& section : items->readers) {
        auto name = section.string("name", true, 1, 100);
        auto rows = section.integer("rows", true, 1, limits.max_rows_per_section);
        auto per_row = section.integer("seats_per_row", true, 1, limits.max_seats_per_row);
        auto cat = section.string("category", true, 1, 40);
        if (name && !names.insert(*name).second) {
            section.fail("name", "another section has this name");
            name.reset();
        }
        if (!name || !rows || !per_row || !cat) {
            complete = false;
            continue;
        }
        total += *rows * *per_row;
        sections.push_back({std::move(*name), *rows, *per_row, std::move(*cat)});
    }
    if (total > limits.max_seats) {
        body.fail("layout", "a venue has at most " + std::to_string(limits.max_seats) + " seats");
        complete = false;
    }
    if (!complete) sections.clear();
    return sections;
}

std::vector<seat_spec> parse_seats(field_reader& body, const layout_limits& limits) {
    const json::value* raw = body.raw("seats");
    if (!raw || !raw->is_array() || raw->get_array().empty()) {
        body.fail("seats", "must be a non-empty array of seats");
        return {};
    }
    const std::size_t count = raw->get_array().size();
    if (static_cast<std::int64_t>(count) > limits.max_seats) {
        body.fail("seats", "a venue has at most " + std::to_string(limits.max_seats) + " seats");
        return {};
    }
    auto items = body.objects("seats", true, 1, count);
    std::vector<seat_spec> seats;
    seats.reserve(count);
    bool complete = items->complete;
    for (auto& item : items->readers) {
        auto section = item.string("section", true, 1, 100);
        auto row = item.string("row", true, 1, 20, true);
        auto number = item.integer("number", true, 1, 100'000);
        auto cat = item.string("category", true, 1, 40);
        auto x = item.number("x", true, max_coordinate);
        auto y = item.number("y", true, max_coordinate);
        if (!section || !row || !number || !cat || !x || !y) {
            complete = false;
            continue;
        }
        seat_spec seat;
        seat.section = std::move(*section);
        seat.row = std::move(*row);
        seat.number = *number;
        seat.category = std::move(*cat);
        seat.x = *x;
        seat.y = *y;
        seats.push_back(std::move(seat));
    }
    if (!complete) return {};
    const auto problems = check_seat_map(seats, limits, "seats");
    if (!problems.empty()) {
        record(body, problems);
        return {};
    }
    label_seats(seats);
    return seats;
}

std::optional<std::vector<category>> parse_categories(field_reader& body, const layout_limits& limits) {
    const json::value* raw = body.raw("categories");
    if (!raw || !raw->is_array()) {
        body.fail("categories", "must be an array of {\"name\", \"color\"}");
        return std::nullopt;
    }
    const std::size_t count = raw->get_array().size();
    if (static_cast<std::int64_t>(count) > limits.max_categories) {
        body.fail("categories",
                  "a venue has at most " + std::to_string(limits.max_categories) + " categories");
        return std::nullopt;
    }
    auto items = body.objects("categories", true, 0, count);
    std::vector<category> out;
    bool complete = items->complete;
    for (auto& item : items->readers) {
        auto name = item.string("name", true, 1, 40);
        auto color = item.string("color", false, 0, 7);
        bool usable = name.has_value();
        if (item.has("color") && !color) {
            usable = false;  // string() said why
        } else if (color && !color->empty() && !is_hex_color(*color)) {
            item.fail("color", "must be a colour like #1a2b3c");
            usable = false;
        }
        if (!usable) {
            complete = false;
            continue;
        }
        out.push_back({std::move(*name), text::lower_ascii(color.value_or(""))});
    }
    if (!complete) return std::nullopt;
    return out;
}

venue_create_input read_venue_create(field_reader& body, const layout_limits& limits) {
    venue_create_input in;
    in.name = body.string("name", true, 1, 200).value_or("");
    in.address = body.string("address", true, 1, 500).value_or("");
    // The original API had no time zones: a venue without one keeps its times in UTC.
    in.timezone = "UTC";
    if (auto tz = body.string("timezone", false, 1, 64)) {
        if (plausible_timezone_name(*tz))
            in.timezone = *tz;
        else
            body.fail("timezone", "must be an IANA time zone name such as Europe/Paris");
    }

    const bool has_layout = body.has("layout");
    const bool has_seats = body.has("seats");
    const bool has_grid = body.has("rows") || body.has("seats_per_row");
    bool has_capacity = body.has("capacity");

    // `rows` x `seats_per_row`: the simplest seated hall, one section. A capacity sent with it
    // only restates the seat count.
    std::optional<section_spec> grid;
    if (has_grid) {
        if (has_layout || has_seats) {
            body.fail(body.has("rows") ? "rows" : "seats_per_row",
                      "give rows and seats_per_row, or layout, or seats: not several");
            return in;
        }
        grid = read_grid_shorthand(body, limits);
        if (!grid) return in;
        const auto count = grid->rows * grid->seats_per_row;
        if (has_capacity) {
            const auto capacity = body.integer("capacity", true, 1, limits.max_seats);
            if (capacity && *capacity != count)
                body.fail("capacity", "must equal rows x seats_per_row (" + std::to_string(count) +
                                          ") for a seated venue, or be left out");
            if (!capacity || *capacity != count) return in;
            has_capacity = false;
        }
    }

    const int shapes = int(grid.has_value()) + int(has_layout) + int(has_seats) + int(has_capacity);
    if (shapes != 1) {
        // With two shapes, a capacity is the likelier mistake; with none, a capacity is missing.
        body.fail(shapes == 0 || has_capacity ? "capacity" : "seats",
                  "give exactly one of capacity (general admission), rows and seats_per_row, "
                  "layout or seats");
        return in;
    }
    if (has_capacity) {
        in.seated = false;
        in.capacity = body.integer("capacity", true, 1, limits.max_ga_capacity).value_or(0);
        if (body.has("categories"))
            body.fail("categories", "a general-admission venue has no seat categories");
        return in;
    }

    in.seated = true;
    if (grid || has_layout) {
        const auto sections = grid ? std::vector<section_spec>{*grid} : parse_layout(body, limits);
        if (!sections.empty()) {
            in.seats = generate_layout(sections);
            const auto problems = check_seat_map(in.seats, limits, "layout");
            record(body, problems);
            if (!problems.empty()) in.seats.clear();
        }
    } else {
        in.seats = parse_seats(body, limits);
    }
    const auto declared = body.has("categories") ? parse_categories(body, limits)
                                                 : std::optional<std::vector<category>>(std::in_place);
    if (!in.seats.empty() && declared) {
        in.categories = categories_for(in.seats, *declared);
        in.capacity = static_cast<std::int64_t>(in.seats.size());
    } else {
        in.seats.clear();
    }
    return in;
}

venue_update_input read_venue_update(field_reader& body) {
    venue_update_input in;
    if (body.has("name")) in.name = body.string("name", true, 1, 200);
    if (body.has("address")) in.address = body.string("address", true, 1, 500);
    if (body.has("timezone")) {
        in.timezone = body.string("timezone", true, 1, 64);
        if (in.timezone && !plausible_timezone_name(*in.timezone)) {
            body.fail("timezone", "must be an IANA time zone name such as Europe/Paris");
            in.timezone.reset();
        }
    }
    // A seat map cannot change under events that already sell it; a new map is a new venue.
    for (const char* fixed : {"capacity", "layout", "seats", "categories"})
        if (body.raw(fixed))
            body.fail(fixed, "cannot be changed; create a new venue for a different seat map");
    return in;
}

}  // namespace proeventa::events
