#pragma once
// Reading event bodies (POST and PUT /events/events) and the rules an event must satisfy against
// its venue. Reading uses field_reader; the rules are pure functions over plain structs.
#include "model.hpp"
#include "problems.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace proeventa::events {

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

/// The facts about a venue an event's rules need.
struct venue_facts {
    std::int64_t id = 0;
    bool seated = false;
    std::int64_t capacity = 0;
    std::vector<std::string> categories;
};

inline constexpr std::int64_t max_price_cents = 100'000'000;

/// Records problems in `reader` without finishing it (rules against the venue come next).
event_input read_event_input(field_reader& reader, const json::object& body, bool creating);

/// `[{"category", "price_cents"}]`.
std::vector<price> parse_prices(const json::value& value, problem_list& problems);

/// The event as it would be after the request: `in` over `current`, or over defaults when
/// creating (current == nullptr): published, and free unless prices are given.
event_draft merge_event(const event_input& in, const event_record* current,
                        std::int64_t organizer_id);

/// Checks the merged event against its venue (nullopt: the venue does not exist). Sets the
/// capacity of a seated event to its seat count and expands the `price_cents` shorthand (and
/// price 0 everywhere for a new event that names no price).
void check_event(event_draft& draft, const event_input& in, const std::optional<venue_facts>& venue,
                 problem_list& problems);

/// ISO 4217 shape: three letters, returned upper-case.
std::optional<std::string> normalize_currency(std::string_view text);

}  // namespace proeventa::events
