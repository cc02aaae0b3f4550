#pragma once
// Leaving: "sign out everywhere" (the account's token generation moves on) and deleting the
// account (its personal data removed, its tokens revoked, and in the same transaction the
// listeners other modules registered — reservations cancels the future bookings).
#include "hashing_queue.hpp"
#include "identity_service.hpp"
#include "throttle.hpp"
#include "user_repository.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/db/pool.hpp>

#include <vector>

namespace proeventa::auth {

class account_deletion {
public:
    account_deletion(db::pool& db, user_repository& users, throttle& limiter, hashing_queue& hashing,
                     identity_service& tokens)
        : db_(db), users_(users), throttle_(limiter), hashing_(hashing), tokens_(tokens) {}

    void add_listener(account_deletion_listener& listener) { listeners_.push_back(&listener); }

    /// Every token of `who`'s account stops working, this one too.
    awaitable<void> sign_out_everywhere(const principal& who);
    /// Needs the account's password (`forbidden` when wrong, counted by the login throttle like
    /// a login: a stolen token alone cannot delete an account, nor guess its password quickly).
    awaitable<void> delete_account(const principal& who, const std::string& password,
                                   const std::string& address);

private:
    awaitable<bool> password_matches(const user_record& user, const std::string& password,
                                     const std::string& address);

    db::pool& db_;
    user_repository& users_;
    throttle& throttle_;
    hashing_queue& hashing_;
    identity_service& tokens_;
    std::vector<account_deletion_listener*> listeners_;
};

}  // namespace proeventa::auth
