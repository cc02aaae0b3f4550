// The auth module as main.cpp sees it: one object owning the repositories and services, with
// the identity and directory other modules use and the routes it registers.
#include "account_cache.hpp"
#include "account_deletion.hpp"
#include "account_service.hpp"
#include "attempt_repository.hpp"
#include "common_passwords.hpp"
#include "hashing_queue.hpp"
#include "identity_service.hpp"
#include "request_identity.hpp"
#include "routes.hpp"
#include "throttle.hpp"
#include "user_directory.hpp"
#include "user_repository.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/db/listener.hpp>

namespace proeventa::auth {
namespace {

class module_impl final : public module {
public:
    module_impl(db::pool& db, net::thread_pool& hashing, options opts, db::listener& changes)
        : options_(std::move(opts)),
          hashing_(hashing, options_.max_pending_hashes),
          users_(db),
          attempts_(db),
          throttle_(attempts_, throttle_limits{options_.login_failures_allowed,
                                               options_.login_address_failures_allowed,
                                               options_.login_failure_window,
                                               options_.signups_per_hour_per_address}),
          account_states_(users_, options_.account_cache_bytes, [&changes] { return changes.epoch(); }),
          tokens_(users_, options_),
          identity_(tokens_),
          accounts_(users_, throttle_, tokens_, hashing_),
          leaving_(db, users_, throttle_, hashing_, tokens_),
          directory_(users_) {
        // Build the 10,000-entry common-password set now, at start-up, rather than inside the
        // first sign-up on an I/O thread.
        (void)common_password_count();
        tokens_.use_account_cache(account_states_);
        changes.subscribe("proeventa_accounts",
                          [this](std::string_view payload) { account_states_.on_notification(payload); });
        changes.on_state_change([this](bool listening) { account_states_.on_listening(listening); });
    }

    identity& identity_service() override { return identity_; }
    directory& directory_service() override { return directory_; }
    void register_routes(router& r) override {
        auth::register_routes(r, identity_, accounts_);
        register_leaving_routes(r, identity_, leaving_);
    }
    void add_deletion_listener(account_deletion_listener& listener) override { leaving_.add_listener(listener); }
    std::vector<metric_sample> metrics() const override { return hashing_.metrics(); }

private:
    options options_;
    hashing_queue hashing_;
    user_repository users_;
    attempt_repository attempts_;
    throttle throttle_;
    account_cache account_states_;
    class identity_service tokens_;
    request_identity identity_;
    account_service accounts_;
    account_deletion leaving_;
    user_directory directory_;
};

}  // namespace

std::unique_ptr<module> make_module(db::pool& db, net::thread_pool& hashing, options opts, db::listener& changes) {
    return std::make_unique<module_impl>(db, hashing, std::move(opts), changes);
}

}  // namespace proeventa::auth
