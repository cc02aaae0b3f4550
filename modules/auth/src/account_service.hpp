#pragma once
// Sign-up, login and profile changes: the rules that tie passwords, throttling, tokens and
// the users table together. HTTP-free, so handlers stay thin.
#include "hashing_queue.hpp"
#include "identity_service.hpp"
#include "password.hpp"
#include "throttle.hpp"
#include "user_repository.hpp"

#include <boost/asio/thread_pool.hpp>

#include <memory>
#include <optional>
#include <string>

namespace proeventa::auth {

struct login_result {
    user_record user;
    issued_token token;
};

struct profile_change {
    std::optional<std::string> full_name;
    std::optional<std::string> new_password;
    std::optional<std::string> current_password;
};

class account_service {
public:
    account_service(user_repository& users, throttle& limiter, identity_service& identity,
                    hashing_queue& hashing);

    /// Inputs already validated (account_rules). 409 `email_taken`, 429 `rate_limited`.
    /// Every call that hashes may answer 503 `busy` (see hashing_queue).
    awaitable<user_record> signup(const std::string& email, const std::string& password,
                                  const std::string& full_name, const std::string& address);
    /// 401 `invalid_credentials` for an unknown email and a wrong password alike, after the
    /// same amount of hashing; 429 before any hashing when throttled.
    awaitable<login_result> login(const std::string& email, const std::string& password,
                                  const std::string& address);
    /// A new password needs the current one: 400 without it, 403 when it is wrong.
    awaitable<user_record> update_profile(const principal& who, const profile_change& change,
                                          const std::string& address);

private:
    /// Checks `password` against `stored`; an absent or unusable hash costs a dummy Argon2id
    /// verification instead, so timing does not say whether the account exists.
    awaitable<bool> verify(const std::string& password, const std::string* stored);
    /// verify(), counted by the throttle against `email` and `address` before it hashes
    /// (429 when either is at its limit).
    awaitable<bool> counted_verify(const std::string& address, const std::string& email,
                                   const std::string& password, const std::string* stored);
    awaitable<void> upgrade_hash_if_weak(const user_record& user, const std::string& password);

    user_repository& users_;
    throttle& throttle_;
    identity_service& identity_;
    hashing_queue& hashing_;

    struct dummy_hash;
    std::shared_ptr<dummy_hash> dummy_;
};

}  // namespace proeventa::auth
