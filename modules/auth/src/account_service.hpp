#pragma once
// Accounts: sign-up, login, profile changes and the admin's view of users; the rules that tie
// passwords, throttling, tokens and the users table together. Expected failures are `failure`s
// (errors.hpp); nothing here knows about HTTP.
#include "hashing_queue.hpp"
#include "identity_service.hpp"
#include "records.hpp"
#include "throttle.hpp"
#include "user_repository.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace proeventa::auth {

/// A sign-up, its fields checked by account_rules already (the password is judged here).
struct signup_input {
    std::string email;  // normalised
    std::string password;
    std::string full_name;  // "" for none
};

struct credentials {
    std::string email;  // normalised
    std::string password;
};

struct login_result {
    user_record user;
    issued_token token;
};

struct profile_change {
    std::optional<std::string> full_name;
    std::optional<std::string> new_password;
    std::optional<std::string> current_password;
};

struct profile_update {
    user_record user;
    /// A new password revokes every token of the account, the caller's too: this one replaces it.
    std::optional<issued_token> token;
};

struct user_search {
    std::optional<std::string> text;  // a substring of the email or the name, any case
    std::int64_t limit = 20;
    std::int64_t offset = 0;
};

class account_service {
public:
    account_service(user_repository& users, throttle& limiter, identity_service& identity,
                    hashing_queue& hashing);

    /// `address` is the client's, for throttling. `weak_password`, `email_taken`,
    /// `rate_limited`; every call that hashes may fail `busy` (see hashing_queue).
    awaitable<user_record> signup(const signup_input& input, const std::string& address);
    /// `invalid_credentials` for an unknown email and a wrong password alike, after the same
    /// amount of hashing; `rate_limited` before any hashing when throttled.
    awaitable<login_result> login(const credentials& input, const std::string& address);
    /// A new password needs the current one: `invalid_input` without it, `forbidden` when it is
    /// wrong; `weak_password` for a new one the policy refuses.
    awaitable<profile_update> update_profile(const principal& who, const profile_change& change,
                                             const std::string& address);

    /// `user_not_found` when there is no such account.
    awaitable<user_record> find(std::int64_t id);
    awaitable<user_page> list(const user_search& search);
    /// `user_not_found` when there is no such account.
    awaitable<user_record> set_role(std::int64_t id, const std::string& role);

private:
    /// Checks `password` against `stored`; an absent or unusable hash costs a dummy Argon2id
    /// verification instead, so timing does not say whether the account exists.
    awaitable<bool> verify(const std::string& password, const std::string* stored);
    /// verify(), counted by the throttle against `email` and `address` before it hashes
    /// (`rate_limited` when either is at its limit).
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
