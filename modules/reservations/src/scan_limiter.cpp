#include "scan_limiter.hpp"

namespace proeventa::reservations {

std::optional<long> scan_limiter::admit(std::int64_t user_id, std::chrono::steady_clock::time_point now) {
    constexpr auto length = std::chrono::minutes(1);
    std::lock_guard lock(mutex_);
    // Forget finished windows now and then, so the map holds only active scanners.
    if (windows_.size() > 10'000)
        std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.start >= length; });
    auto& w = windows_[user_id];
    if (w.count == 0 || now - w.start >= length) w = {now, 0};
    if (w.count >= per_minute_) {
        const auto left = std::chrono::ceil<std::chrono::seconds>(w.start + length - now).count();
        return static_cast<long>(left < 1 ? 1 : left);
    }
    ++w.count;
    return std::nullopt;
}

}  // namespace proeventa::reservations
