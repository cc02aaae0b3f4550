#pragma once
// Brute-force and sign-up throttling, kept in PostgreSQL (table auth_attempts) so every
// instance behind a load balancer sees the same counts, and a restart does not reset them.
//
// Login: a client address or an email with `login_failures` failures inside the window gets
// 429 before any hash is computed. The email's attempt is recorded *before* hashing and
// removed when the password is right, so a burst of parallel guesses at one account counts at
// once instead of after the hashes finish. The address is charged only on failure: charging
// in-flight attempts would lock out an office of legitimate users behind one NAT address.
#include <proeventa/db/pool.hpp>
#include <proeventa/net.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace proeventa::auth {

struct throttle_limits {
    std::size_t login_failures = 5;  // 0: no login throttling
    std::chrono::seconds login_window{900};
    std::size_t signups_per_hour = 20;  // 0: no sign-up throttling
};

class throttle {
public:
    throttle(db::pool& db, throttle_limits limits) : db_(db), limits_(limits) {}

    /// Throws 429 `rate_limited` with Retry-After, or records the pending attempt.
    awaitable<void> begin_login(const std::string& address, const std::string& email);
    awaitable<void> login_failed(const std::string& address);
    /// Forgets the email's failures (and the attempt begin_login recorded).
    awaitable<void> login_succeeded(const std::string& email);

    /// Throws 429 past `signups_per_hour` attempts from the address, or records this one.
    awaitable<void> begin_signup(const std::string& address);

private:
    awaitable<void> check_and_record(const char* kind_a, const std::string& key_a,
                                     const char* kind_b, const std::string* key_b,
                                     std::size_t limit, std::chrono::seconds window,
                                     const char* record_kind, const std::string& record_key);
    awaitable<void> maybe_clean_up();

    db::pool& db_;
    throttle_limits limits_;
    std::atomic<std::int64_t> last_cleanup_{0};
};

}  // namespace proeventa::auth
