#include <proeventa/reservations/reservations.hpp>

namespace proeventa::reservations {

std::vector<setting> settings(options& opts) {
    std::vector<setting> s;
    s.push_back(duration_setting("--hold-ttl", "PROEVENTA_HOLD_TTL", "SECONDS", "how long a seat hold lasts",
                                 opts.hold_ttl, 1, 86'400));
    s.push_back(text_setting("--public-url", "PROEVENTA_PUBLIC_URL", "URL",
                             "the app's address as people reach it (links in order mail)", opts.public_url));
    s.push_back(number_setting("--checkins-per-minute", "PROEVENTA_CHECKINS_PER_MINUTE", "N",
                               "door scans one organizer may send per minute", opts.checkins_per_minute,
                               std::size_t{1}, std::size_t{100'000}));
    return s;
}

}  // namespace proeventa::reservations
