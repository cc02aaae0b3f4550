#pragma once
// Access tokens: issued for an account, and verified back into the principal they stand for,
// checked against the account's current row. HTTP-free: request_identity reads the header.
#include "account_cache.hpp"
#include "jwt.hpp"
#include "records.hpp"
#include "user_repository.hpp"

#include <proeventa/auth/auth.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace proeventa::auth {

struct issued_token {
    std::string access_token;
    std::int64_t expires_in = 0;  // seconds
};

class identity_service {
public:
    using clock_fn = std::function<std::chrono::system_clock::time_point()>;

    /// Throws std::invalid_argument for a secret shorter than 32 bytes.
    identity_service(user_repository& users, const options& opts, clock_fn clock = {});

    /// Reads account state through `cache` from now on (set at wiring time).
    void use_account_cache(account_cache& cache) { accounts_ = &cache; }
    /// The account's role, token generation or existence changed here: this instance stops
    /// trusting what it remembered of it at once, before the change's NOTIFY arrives.
    void account_changed(std::int64_t user_id) {
        if (accounts_) accounts_->forget(user_id);
    }

    issued_token issue(const user_record& user) const;
    /// Who `token` is from, with the account's current role. failure `unauthenticated`,
    /// `token_expired` or `token_revoked` otherwise.
    awaitable<principal> authenticate(std::string_view token);

private:
    std::int64_t now_seconds() const;

    user_repository& users_;
    account_cache* accounts_ = nullptr;
    std::string secret_;
    std::optional<std::string> previous_secret_;
    std::string issuer_;
    std::chrono::seconds ttl_;
    clock_fn clock_;
};

}  // namespace proeventa::auth
