#pragma once
// Short-lived pages of the public event list. Everyone who is not signed in sees the same list
// for the same filters, and during an on-sale thousands of them ask at once; each answer costs
// three statements (count, page, places taken). Kept for `ttl` (1 s by default) and loaded once
// when many ask together (later askers wait for the first one's answer), so the database sees
// one load per filter per second per instance however many people refresh.
//
// What may be stale, and for how long: availability counts by up to `ttl`; an event written on
// another instance by up to `ttl`. A write on this instance (event or venue) clears the cache at
// once. Signed-in viewers (who may see drafts) always bypass it.
#include "event_repository.hpp"
#include "model.hpp"

#include <proeventa/net.hpp>

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace proeventa::events {

struct event_view {
    event_record event;
    std::int64_t places_taken = 0;
};

struct event_page {
    std::vector<event_view> items;
    std::int64_t total = 0;
};

class list_cache {
public:
    using page_ptr = std::shared_ptr<const event_page>;
    using loader = std::function<awaitable<event_page>()>;

    /// `ttl` of zero turns caching off. `max_entries` bounds memory (distinct filters kept).
    explicit list_cache(std::chrono::milliseconds ttl, std::size_t max_entries = 1024);

    /// The key for an anonymous viewer's list request, or empty when it must not be cached.
    static std::string key_for(const event_filter& filter, std::int64_t limit, std::int64_t offset);

    /// A fresh page for `key`, else the page `load` returns, loading once for concurrent askers.
    awaitable<page_ptr> get(const std::string& key, loader load);

    /// Something listed changed here: forget every page.
    void invalidate();

private:
    struct entry {
        page_ptr page;
        std::chrono::steady_clock::time_point loaded_at;
    };
    struct flight;

    void finish(const std::string& key, const std::shared_ptr<flight>& f, std::uint64_t generation);

    const std::chrono::milliseconds ttl_;
    const std::size_t max_entries_;
    std::mutex mutex_;
    std::uint64_t generation_ = 0;
    std::unordered_map<std::string, entry> entries_;
    std::unordered_map<std::string, std::shared_ptr<flight>> flights_;
};

}  // namespace proeventa::events
