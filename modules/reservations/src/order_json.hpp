#pragma once
// Orders as the API's JSON (docs/api.md, "Orders").
#include "order_service.hpp"

#include <boost/json/object.hpp>

namespace proeventa::reservations {

/// reference, status, total, currency, event and its positions (reservation objects).
boost::json::object to_json(const order_with_positions& o);

}  // namespace proeventa::reservations
