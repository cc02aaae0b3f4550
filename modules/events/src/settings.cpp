#include <proeventa/events/events.hpp>

namespace proeventa::events {

std::vector<setting> settings(options& opts) {
    std::vector<setting> s;
    s.push_back(duration_setting("--list-cache-ms", "PROEVENTA_LIST_CACHE_MS", "MS",
                                 "reuse anonymous event-list pages this long, 0 = off", opts.list_cache_ttl,
                                 0, 60'000));
    return s;
}

}  // namespace proeventa::events
