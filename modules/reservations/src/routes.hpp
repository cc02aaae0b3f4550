#pragma once
#include "reservation_service.hpp"

#include <proeventa/http/router.hpp>

namespace proeventa::auth {
class identity;
}

namespace proeventa::reservations {

/// Both URL layouts (gateway `/reservations/reservations/...` and `/api/v1/reservations/...`).
void register_routes(router& r, reservation_service& service, auth::identity& identity);

}  // namespace proeventa::reservations
