#pragma once
// Reading event bodies (POST and PUT /events/events) with field_reader into event_input; the
// rules the event must then satisfy are event_rules.hpp's.
#include "event_rules.hpp"
#include "model.hpp"

#include <proeventa/http/json_io.hpp>

#include <optional>
#include <string>
#include <vector>

namespace proeventa::events {

inline constexpr std::int64_t max_price_cents = 100'000'000;

/// Records problems in `body` without finishing it (rules against the venue come next).
event_input read_event_input(field_reader& body, bool creating);

/// `prices`: `[{"category", "price_cents"}]`. The well-formed prices, after recording the
/// problems of the others.
std::vector<price> parse_prices(field_reader& body);

}  // namespace proeventa::events
