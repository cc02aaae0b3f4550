#pragma once
// Records as clients see them.
#include "identity_service.hpp"
#include "records.hpp"

#include <boost/json/object.hpp>

namespace proeventa::auth {

/// The user without its password hash or token generation.
json::object to_json(const user_record& user);
/// Adds `access_token`, `token_type` and `expires_in` to `out`.
void add_token(json::object& out, const issued_token& token);

}  // namespace proeventa::auth
