#pragma once
// The auth module's HTTP routes, in both URL layouts (gateway /auth/..., service /api/v1/...).
#include "account_service.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/http/router.hpp>

namespace proeventa::auth {

void register_routes(router& r, identity& identity, account_service& accounts);

class account_deletion;
/// DELETE /auth/me and POST /auth/me/sign-out-everywhere (account_deletion_routes.cpp).
void register_leaving_routes(router& r, identity& identity, account_deletion& leaving);

}  // namespace proeventa::auth
