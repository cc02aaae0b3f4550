#include <proeventa/events/events.hpp>

namespace proeventa::events {

std::vector<setting> settings(options& opts) {
    std::vector<setting> s;
    s.push_back(duration_setting("--list-cache-ms", "PROEVENTA_LIST_CACHE_MS", "MS",
                                 "reuse anonymous event-list pages this long, 0 = off", opts.list_cache_ttl,
                                 0, 60'000));
    s.push_back(number_setting("--cache-bytes", "PROEVENTA_CACHE_BYTES", "BYTES",
                               "memory for cached event pages, lists and seat maps, 0 = off", opts.cache_bytes, 0,
                               std::size_t{1} << 40));
    s.push_back(number_setting("--max-streams", "PROEVENTA_MAX_STREAMS", "N",
                               "live seat-map streams open at once (each is also a connection)", opts.max_streams,
                               std::size_t{0}, std::size_t{1'000'000}));
    return s;
}

}  // namespace proeventa::events
