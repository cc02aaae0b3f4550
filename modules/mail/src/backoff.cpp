#include "backoff.hpp"

#include <algorithm>
#include <cmath>

namespace proeventa::mail {

std::chrono::seconds retry_delay(std::int64_t attempts, std::chrono::seconds base, std::chrono::seconds cap,
                                 double unit) {
    const auto exponent = static_cast<double>(std::clamp<std::int64_t>(attempts - 1, 0, 40));
    const double raw = std::min(static_cast<double>(base.count()) * std::pow(2.0, exponent),
                                static_cast<double>(cap.count()));
    const double jittered = raw * (0.5 + std::clamp(unit, 0.0, 1.0));
    return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(jittered))));
}

}  // namespace proeventa::mail
