#pragma once
// The auth module's one public header: the identity interface other modules use to learn who a
// request is from, the role checks they share, and the factory main.cpp wires.
#include <proeventa/http/request_context.hpp>
#include <proeventa/http/router.hpp>
#include <proeventa/metrics.hpp>
#include <proeventa/net.hpp>
#include <proeventa/settings.hpp>

#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::db {
class listener;
class pool;
class transaction;
}

namespace proeventa::auth {

/// Who is calling. Implementations verify the bearer token and that its user still exists.
class identity {
public:
    virtual ~identity() = default;
    /// 401 (`unauthorized` / `token_expired`) unless the request carries a valid token.
    virtual awaitable<principal> require_user(request_context& ctx) = 0;
    /// nullopt for an anonymous request; a present but invalid token is still a 401.
    virtual awaitable<std::optional<principal>> optional_user(request_context& ctx) = 0;
};

/// An account as other modules show it: an organizer sees who reserved for their event.
struct user_summary {
    std::int64_t id = 0;
    std::string email;
    std::string full_name;
};

/// Looks accounts up by id for other modules. Deciding who may see the answer is the caller's job.
class directory {
public:
    virtual ~directory() = default;
    /// The accounts among `ids` that still exist, in no particular order; at most 1000 ids.
    virtual awaitable<std::vector<user_summary>> find_users(std::vector<std::int64_t> ids) = 0;
};

/// Told inside the transaction that deletes an account, so what other modules keep of it goes
/// with it or not at all (reservations cancels the account's future bookings).
class account_deletion_listener {
public:
    virtual ~account_deletion_listener() = default;
    virtual awaitable<void> on_account_deleted(db::transaction& tx, std::int64_t user_id) = 0;
};

/// 403 unless the principal has one of `roles`.
void require_role(const principal& who, std::initializer_list<std::string_view> roles);
/// 403 unless the principal is `user_id` or an admin.
void require_self_or_admin(const principal& who, std::int64_t user_id);

struct options {
    std::string jwt_secret;                         // >= 32 bytes
    /// Where the composition root reads jwt_secret from when it is not given directly (it
    /// generates one in development when neither is).
    std::optional<std::filesystem::path> jwt_secret_file;
    std::optional<std::string> jwt_previous_secret; // still accepted for verification
    std::string issuer = "proeventa";
    std::chrono::seconds token_ttl{3600};
    std::size_t login_failures_allowed = 5;            // per account (email) and window
    std::size_t login_address_failures_allowed = 50;   // per client address and window
    std::chrono::seconds login_failure_window{900};
    std::size_t signups_per_hour_per_address = 20;
    /// Password hashes queued or running at once; past it, sign-up, login and password change
    /// answer 503 `busy` with Retry-After instead of queueing behind seconds of Argon2id.
    std::size_t max_pending_hashes = 64;
    /// Threads of the hashing pool the composition root creates and passes to make_module.
    std::size_t hash_threads = 2;
    /// Memory for the per-instance cache of account state (role, token generation, deleted).
    std::size_t account_cache_bytes = 8u << 20;
};

/// The module's flags and environment variables (JWT, login and sign-up limits, hashing),
/// bound to `opts`, whose values are the defaults.
std::vector<setting> settings(options& opts);

/// The module as main.cpp sees it: the identity service plus its routes.
class module {
public:
    virtual ~module() = default;
    virtual identity& identity_service() = 0;
    virtual directory& directory_service() = 0;
    /// Runs `listener` in every account deletion's transaction (wired by main.cpp).
    virtual void add_deletion_listener(account_deletion_listener& listener) = 0;
    virtual void register_routes(router& r) = 0;
    /// Password hashing: done, pending, refused (for /metrics).
    virtual std::vector<metric_sample> metrics() const = 0;
};

/// `hashing` is the pool that runs Argon2id/bcrypt, away from the I/O threads. `changes` is the
/// instance's change listener; the module subscribes to it here, before it is started.
std::unique_ptr<module> make_module(db::pool& db, net::thread_pool& hashing, options opts, db::listener& changes);

/// Creates the user if no account has this email yet (for demo data); returns the user's id.
/// An existing account is left as it is.
awaitable<std::int64_t> ensure_user(db::pool& db, net::thread_pool& hashing, std::string email,
                                    std::string password, std::string full_name, std::string role);

/// The `user add` / `user set-role` subcommands. Returns the process exit code.
awaitable<int> run_user_command(db::pool& db, net::thread_pool& hashing,
                                const std::vector<std::string>& args);

}  // namespace proeventa::auth
