#include "auth_module.hpp"

namespace proeventa::auth {

auth_module::auth_module(db::pool& db, net::thread_pool& hashing, options opts)
    : options_(std::move(opts)),
      hashing_(hashing, options_.max_pending_hashes),
      users_(db),
      throttle_(db, throttle_limits{options_.login_failures_allowed,
                                    options_.login_address_failures_allowed,
                                    options_.login_failure_window,
                                    options_.signups_per_hour_per_address}),
      identity_(users_, options_),
      accounts_(users_, throttle_, identity_, hashing_),
      directory_(users_) {}

std::unique_ptr<module> make_module(db::pool& db, net::thread_pool& hashing, options opts) {
    return std::make_unique<auth_module>(db, hashing, std::move(opts));
}

}  // namespace proeventa::auth
