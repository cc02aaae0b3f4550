#pragma once
// Tickets, keys and check-ins as the API's JSON (docs/api.md, "Tickets and check-in").
#include "ticket_service.hpp"

#include <boost/json/object.hpp>

namespace proeventa::reservations {

boost::json::object to_json(const issued_ticket& t);
boost::json::object to_json(const event_ticket_key& k);
boost::json::object to_json(const checkin_result& c);
boost::json::object to_json(const checkin_summary& s);

}  // namespace proeventa::reservations
