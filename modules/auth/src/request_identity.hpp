#pragma once
// The `identity` other modules' handlers ask: reads the bearer token of a request, has
// identity_service verify it, remembers the answer for the rest of the request, and answers
// failures as HTTP errors (401), since its callers are handlers outside this module.
#include "identity_service.hpp"

#include <proeventa/auth/auth.hpp>

namespace proeventa::auth {

class request_identity final : public identity {
public:
    explicit request_identity(identity_service& tokens) : tokens_(tokens) {}

    awaitable<principal> require_user(request_context& ctx) override;
    awaitable<std::optional<principal>> optional_user(request_context& ctx) override;

private:
    /// The principal of the request's Authorization header; nullopt when there is none.
    awaitable<std::optional<principal>> from_header(request_context& ctx);

    identity_service& tokens_;
};

}  // namespace proeventa::auth
