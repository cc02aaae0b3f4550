#include <proeventa/reservations/reservations.hpp>

namespace proeventa::reservations {

std::vector<setting> settings(options& opts) {
    std::vector<setting> s;
    s.push_back(duration_setting("--hold-ttl", "PROEVENTA_HOLD_TTL", "SECONDS", "how long a seat hold lasts",
                                 opts.hold_ttl, 1, 86'400));
    return s;
}

}  // namespace proeventa::reservations
