#pragma once
// The `identity` implementation: bearer token -> verified claims -> the user's current row.
#include <proeventa/auth/auth.hpp>

#include "jwt.hpp"
#include "user_repository.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace proeventa::auth {

struct issued_token {
    std::string access_token;
    std::int64_t expires_in = 0;  // seconds
};

class identity_service final : public identity {
public:
    using clock_fn = std::function<std::chrono::system_clock::time_point()>;

    /// Throws std::invalid_argument for a secret shorter than 32 bytes.
    identity_service(user_repository& users, const options& opts, clock_fn clock = {});

    awaitable<principal> require_user(request_context& ctx) override;
    awaitable<std::optional<principal>> optional_user(request_context& ctx) override;

    issued_token issue(const user_record& user) const;

private:
    std::int64_t now_seconds() const;
    awaitable<principal> authenticate(request_context& ctx, std::string_view authorization);

    user_repository& users_;
    std::string secret_;
    std::optional<std::string> previous_secret_;
    std::string issuer_;
    std::chrono::seconds ttl_;
    clock_fn clock_;
};

}  // namespace proeventa::auth
