// The role checks every module's handlers share (declared in auth.hpp). They run in handlers
// outside this module, so they answer as HTTP errors (403) themselves.
#include "errors.hpp"

#include <proeventa/auth/auth.hpp>

namespace proeventa::auth {

void require_role(const principal& who, std::initializer_list<std::string_view> roles) {
    for (auto role : roles)
        if (who.role == role) return;
    throw to_api_error(failure(errc::forbidden, "your role (" + who.role + ") may not do this"));
}

void require_self_or_admin(const principal& who, std::int64_t user_id) {
    if (who.user_id != user_id && !who.is_admin())
        throw to_api_error(failure(errc::forbidden, "only this user or an admin may do this"));
}

}  // namespace proeventa::auth
