#pragma once
// Door scans per organizer: a fixed one-minute window per account on this instance. It keeps a
// runaway scanner (or a script guessing codes) from flooding the check-in route; codes are
// signed, so guessing cannot succeed anyway, and the exactly-once rule is the database's, not
// this limiter's. Behind a load balancer each instance counts its own share.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace proeventa::reservations {

class scan_limiter {
public:
    explicit scan_limiter(std::size_t per_minute) : per_minute_(per_minute) {}
    /// nullopt: go ahead (and counted); otherwise the seconds until the window ends.
    std::optional<long> admit(std::int64_t user_id, std::chrono::steady_clock::time_point now);

private:
    struct window {
        std::chrono::steady_clock::time_point start;
        std::size_t count = 0;
    };
    std::size_t per_minute_;
    std::mutex mutex_;
    std::unordered_map<std::int64_t, window> windows_;
};

}  // namespace proeventa::reservations
