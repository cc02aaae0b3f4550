#include "venue_validation.hpp"

#include "json_fields.hpp"

#include <boost/json/array.hpp>

#include <cctype>
#include <unordered_set>

namespace proeventa::events {

namespace jf = json_fields;

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

std::vector<section_spec> parse_layout(const json::value& layout, const layout_limits& limits,
                                       problem_list& problems) {
    std::vector<section_spec> sections;
    const json::object* obj = layout.if_object();
    if (!obj) {
        problems.add("layout", "must be an object with \"sections\"");
        return sections;
    }
    const json::value* list = obj->if_contains("sections");
    if (!list || !list->is_array() || list->get_array().empty()) {
        problems.add("layout.sections", "must be a non-empty array of sections");
        return sections;
    }
    const json::array& items = list->get_array();
    if (static_cast<std::int64_t>(items.size()) > limits.max_sections) {
        problems.add("layout.sections",
                     "a venue has at most " + std::to_string(limits.max_sections) + " sections");
        return sections;
    }
    std::unordered_set<std::string> names;
    std::int64_t total = 0;
    bool complete = true;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string field = jf::item("layout.sections", i);
        const json::object* s = items[i].if_object();
        if (!s) {
            problems.add(field, "must be an object");
            complete = false;
            continue;
        }
        auto name = jf::text(*s, "name", jf::path(field, "name"), true, 1, 100, problems);
        auto rows = jf::integer(*s, "rows", jf::path(field, "rows"), true, 1,
                                limits.max_rows_per_section, problems);
        auto per_row = jf::integer(*s, "seats_per_row", jf::path(field, "seats_per_row"), true, 1,
                                   limits.max_seats_per_row, problems);
        auto cat = jf::text(*s, "category", jf::path(field, "category"), true, 1, 40, problems);
        if (name && !names.insert(*name).second) {
            problems.add(jf::path(field, "name"), "another section has this name");
            name.reset();
        }
        if (!name || !rows || !per_row || !cat) {
            complete = false;
            continue;
        }
        total += *rows * *per_row;
        sections.push_back({std::move(*name), *rows, *per_row, std::move(*cat)});
    }
    if (total > limits.max_seats)
        problems.add("layout", "a venue has at most " + std::to_string(limits.max_seats) + " seats");
    if (!complete) sections.clear();
    return sections;
}

std::vector<seat_spec> parse_seats(const json::value& value, const layout_limits& limits,
                                   problem_list& problems) {
    std::vector<seat_spec> seats;
    const json::array* items = value.if_array();
    if (!items || items->empty()) {
        problems.add("seats", "must be a non-empty array of seats");
        return seats;
    }
    if (static_cast<std::int64_t>(items->size()) > limits.max_seats) {
        problems.add("seats", "a venue has at most " + std::to_string(limits.max_seats) + " seats");
        return seats;
    }
    seats.reserve(items->size());
    bool complete = true;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string field = jf::item("seats", i);
        const json::object* s = (*items)[i].if_object();
        if (!s) {
            problems.add(field, "must be an object");
            complete = false;
            continue;
        }
        auto section = jf::text(*s, "section", jf::path(field, "section"), true, 1, 100, problems);
        auto row = jf::text(*s, "row", jf::path(field, "row"), true, 1, 20, problems, true);
        auto number = jf::integer(*s, "number", jf::path(field, "number"), true, 1, 100'000, problems);
        auto cat = jf::text(*s, "category", jf::path(field, "category"), true, 1, 40, problems);
        auto x = jf::number(*s, "x", jf::path(field, "x"), true, max_coordinate, problems);
        auto y = jf::number(*s, "y", jf::path(field, "y"), true, max_coordinate, problems);
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
    check_seat_map(seats, limits, "seats", problems);
    label_seats(seats);
    return seats;
}

std::vector<category> parse_categories(const json::value& value, const layout_limits& limits,
                                       problem_list& problems) {
    std::vector<category> out;
    const json::array* items = value.if_array();
    if (!items) {
        problems.add("categories", "must be an array of {\"name\", \"color\"}");
        return out;
    }
    if (static_cast<std::int64_t>(items->size()) > limits.max_categories) {
        problems.add("categories",
                     "a venue has at most " + std::to_string(limits.max_categories) + " categories");
        return out;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string field = jf::item("categories", i);
        const json::object* c = (*items)[i].if_object();
        if (!c) {
            problems.add(field, "must be an object");
            continue;
        }
        auto name = jf::text(*c, "name", jf::path(field, "name"), true, 1, 40, problems);
        auto color = jf::text(*c, "color", jf::path(field, "color"), false, 0, 7, problems);
        if (color && !color->empty() && !is_hex_color(*color)) {
            problems.add(jf::path(field, "color"), "must be a colour like #1a2b3c");
            continue;
        }
        if (!name) continue;
        std::string lower = color.value_or("");
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        out.push_back({std::move(*name), std::move(lower)});
    }
    return out;
}

void forward(const problem_list& problems, field_reader& reader) {
    for (const auto& p : problems.items()) reader.fail(p.field, p.message);
}

venue_create_input read_venue_create(field_reader& reader, const json::object& body,
                                     const layout_limits& limits) {
    venue_create_input in;
    in.name = reader.string("name", true, 1, 200).value_or("");
    in.address = reader.string("address", true, 1, 500).value_or("");
    // The original API had no time zones: a venue without one keeps its times in UTC.
    in.timezone = "UTC";
    if (auto tz = reader.string("timezone", false, 1, 64)) {
        if (plausible_timezone_name(*tz))
            in.timezone = *tz;
        else
            reader.fail("timezone", "must be an IANA time zone name such as Europe/Paris");
    }

    problem_list problems;
    const json::value* layout = body.if_contains("layout");
    const json::value* seats = body.if_contains("seats");
    const bool has_layout = layout && !layout->is_null();
    const bool has_seats = seats && !seats->is_null();
    const bool has_grid = reader.has("rows") || reader.has("seats_per_row");
    bool has_capacity = reader.has("capacity");

    // `rows` x `seats_per_row`: the simplest seated hall, one section. A capacity sent with it
    // only restates the seat count.
    std::optional<section_spec> grid;
    if (has_grid) {
        if (has_layout || has_seats) {
            reader.fail(reader.has("rows") ? "rows" : "seats_per_row",
                        "give rows and seats_per_row, or layout, or seats: not several");
            return in;
        }
        grid = read_grid_shorthand(reader, limits);
        if (!grid) return in;
        const auto count = grid->rows * grid->seats_per_row;
        if (has_capacity) {
            const auto capacity = reader.integer("capacity", true, 1, limits.max_seats);
            if (capacity && *capacity != count)
                reader.fail("capacity", "must equal rows x seats_per_row (" + std::to_string(count) +
                                            ") for a seated venue, or be left out");
            if (!capacity || *capacity != count) return in;
            has_capacity = false;
        }
    }

    const int shapes = int(grid.has_value()) + int(has_layout) + int(has_seats) + int(has_capacity);
    if (shapes != 1) {
        // With two shapes, a capacity is the likelier mistake; with none, a capacity is missing.
        reader.fail(shapes == 0 || has_capacity ? "capacity" : "seats",
                    "give exactly one of capacity (general admission), rows and seats_per_row, "
                    "layout or seats");
        return in;
    }
    if (has_capacity) {
        in.seated = false;
        in.capacity = reader.integer("capacity", true, 1, limits.max_ga_capacity).value_or(0);
        if (body.contains("categories") && !body.at("categories").is_null())
            reader.fail("categories", "a general-admission venue has no seat categories");
        return in;
    }

    in.seated = true;
    if (grid || has_layout) {
        auto sections = grid ? std::vector<section_spec>{*grid} : parse_layout(*layout, limits, problems);
        if (problems.empty()) {
            in.seats = generate_layout(sections);
            check_seat_map(in.seats, limits, "layout", problems);
        }
    } else {
        in.seats = parse_seats(*seats, limits, problems);
    }
    std::vector<category> declared;
    if (const json::value* cats = body.if_contains("categories"); cats && !cats->is_null())
        declared = parse_categories(*cats, limits, problems);
    forward(problems, reader);
    if (problems.empty()) {
        in.categories = categories_for(in.seats, declared);
        in.capacity = static_cast<std::int64_t>(in.seats.size());
    } else {
        in.seats.clear();
    }
    return in;
}

venue_update_input read_venue_update(field_reader& reader, const json::object& body) {
    venue_update_input in;
    if (reader.has("name")) in.name = reader.string("name", true, 1, 200);
    if (reader.has("address")) in.address = reader.string("address", true, 1, 500);
    if (reader.has("timezone")) {
        in.timezone = reader.string("timezone", true, 1, 64);
        if (in.timezone && !plausible_timezone_name(*in.timezone)) {
            reader.fail("timezone", "must be an IANA time zone name such as Europe/Paris");
            in.timezone.reset();
        }
    }
    // A seat map cannot change under events that already sell it; a new map is a new venue.
    for (const char* fixed : {"capacity", "layout", "seats", "categories"})
        if (body.contains(fixed))
            reader.fail(fixed, "cannot be changed; create a new venue for a different seat map");
    return in;
}

}  // namespace proeventa::events
