#pragma once
// The rules an event must satisfy: how a request's fields merge over the stored event, and what
// the merged event must be against its venue. Pure functions over plain structs: problems are
// returned, named by the fields the client sent, for the caller to report.
#include "errors.hpp"
#include "model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::events {

/// The facts about a venue an event's rules need.
struct venue_facts {
    std::int64_t id = 0;
    bool seated = false;
    std::int64_t capacity = 0;
    std::vector<std::string> categories;
};

/// The event as it would be after the request: `in` over `current`, or over defaults when
/// creating (current == nullptr): published, and free unless prices are given.
event_draft merge_event(const event_input& in, const event_record* current,
                        std::int64_t organizer_id);

/// Checks the merged event against its venue (nullopt: the venue does not exist) and returns
/// what is wrong, named by the fields the client sent. Sets the capacity of a seated event to
/// its seat count and expands the `price_cents` shorthand (and price 0 everywhere for a new event
/// that names no price).
field_problems check_event(event_draft& draft, const event_input& in,
                           const std::optional<venue_facts>& venue);

/// ISO 4217 shape: three letters, returned upper-case.
std::optional<std::string> normalize_currency(std::string_view text);

}  // namespace proeventa::events
