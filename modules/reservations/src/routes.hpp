#pragma once
// The reservations module's HTTP routes, in both URL layouts (gateway
// `/reservations/reservations/...`, service `/api/v1/reservations/...`): each reads the request,
// asks the service and writes the JSON of docs/api.md.
#include "order_service.hpp"
#include "reservation_service.hpp"
#include "ticket_service.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/http/router.hpp>

namespace proeventa::reservations {

void register_routes(router& r, reservation_service& service, auth::identity& identity);
/// Orders (`/reservations/orders...`), tickets (`/reservations/reservations/{id}/ticket...`) and
/// the door (`/events/events/{id}/ticket-key`, `.../checkins`), in both URL layouts.
void register_ticket_routes(router& r, order_service& orders, ticket_service& tickets, auth::identity& identity);

}  // namespace proeventa::reservations
