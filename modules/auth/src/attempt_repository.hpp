#pragma once
// The auth_attempts table: login and sign-up attempts, one row each, counted per (kind, key)
// inside a sliding window by the throttle (throttle.hpp has the rules).
#include "records.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/net.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::auth {

/// One key an attempt is counted against: at most `limit` attempts per window.
struct attempt_key {
    std::string kind;  // login_email, login_address, signup_address
    std::string key;   // the normalised email or the client address
    std::int64_t limit = 0;
};

class attempt_repository {
public:
    explicit attempt_repository(db::pool& db) : db_(db) {}

    /// Checks `first` (and `second`, if any) against their limits over the last `window`, and
    /// records an attempt against each only when neither is at its limit; atomically with the
    /// check, so parallel attempts on one key cannot all slip under it.
    awaitable<attempt_check> check_and_record(const attempt_key& first,
                                              const std::optional<attempt_key>& second,
                                              std::chrono::seconds window);
    /// Deletes every attempt of (`kind`, `key`), and the row `also_row` (0: none).
    awaitable<void> forget(const std::string& kind, const std::string& key, std::int64_t also_row);
    /// Deletes these attempt rows.
    awaitable<void> withdraw(const std::vector<std::int64_t>& rows);
    /// Deletes the attempts older than `age`.
    awaitable<void> delete_older_than(std::chrono::seconds age);

private:
    db::pool& db_;
};

}  // namespace proeventa::auth
