#pragma once
// Brute-force and sign-up throttling, kept in PostgreSQL (table auth_attempts) so every
// instance behind a load balancer sees the same counts, and a restart does not reset them.
//
// Login: an account (email) has `login_failures` attempts per window, a client address
// `login_address_failures` (larger: many people share an office or carrier NAT address).
// Every attempt is counted for both *before* its password is hashed, and counted atomically
// with the check (see attempt_repository.cpp), so a burst of parallel guesses gets at most the
// limit through to hashing and the rest 429 at once. What happens to the pending attempt then
// depends on the outcome: a wrong password leaves it as a failure; the right one forgets the
// email's failures and withdraws the address's attempt (an office signing in is not charged);
// an attempt that never got an answer (hashing queue full, database error) is withdrawn whole.
#include "attempt_repository.hpp"

#include <proeventa/net.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace proeventa::auth {

struct throttle_limits {
    std::size_t login_failures = 5;           // per email; 0: not limited
    std::size_t login_address_failures = 50;  // per client address; 0: not limited
    std::chrono::seconds login_window{900};
    std::size_t signups_per_hour = 20;        // per client address; 0: not limited
};

/// The rows begin_login recorded for one attempt (0: none recorded for that key).
struct login_attempt {
    std::int64_t email_row = 0;
    std::int64_t address_row = 0;
};

class throttle {
public:
    throttle(attempt_repository& attempts, throttle_limits limits) : attempts_(attempts), limits_(limits) {}

    /// failure `rate_limited` (with the wait) when the email or the address is at its limit;
    /// otherwise records this attempt against both.
    awaitable<login_attempt> begin_login(const std::string& address, const std::string& email);
    /// The password was right: forgets the email's failures and the address's attempt.
    awaitable<void> login_succeeded(const login_attempt& attempt, const std::string& email);
    /// The attempt ended without a verdict on the password: it does not count.
    awaitable<void> withdraw(const login_attempt& attempt);

    /// One login attempt around `check` (a password verification, started only once the attempt
    /// is recorded): begin_login, then login_succeeded when it says yes; a wrong password stays
    /// counted; no verdict (it threw: hashing queue full) withdraws the attempt and rethrows.
    awaitable<bool> counted_login(const std::string& address, const std::string& email, awaitable<bool> check);

    /// failure `rate_limited` past `signups_per_hour` attempts from the address, or records this one.
    awaitable<void> begin_signup(const std::string& address);

private:
    struct counted_key {
        const char* kind;
        const std::string* key;  // nullptr: this slot is unused
        std::size_t limit;
    };
    /// Both keys checked, then both recorded only if neither is at its limit; the row ids.
    awaitable<login_attempt> check_and_record(counted_key a, counted_key b, std::chrono::seconds window);
    awaitable<void> maybe_clean_up();

    attempt_repository& attempts_;
    throttle_limits limits_;
    std::atomic<std::int64_t> last_cleanup_{0};
};

}  // namespace proeventa::auth
