#pragma once
// The events module's cache of ready answers: event pages, list pages and seat maps as bytes
// with their ETag and gzip form (see shared_cache.hpp for when an entry is trusted).
//
// What invalidates what, on every instance (the notifications of 0008_change_announcements.sql,
// plus the same calls made at once by writes on this instance):
//   an event or its prices changed -> that event's page and seat map, every list page;
//   a venue changed                -> everything (pages show venue facts);
//   reservations of an event       -> that event's page (places) and seat map (states).
// List pages also expire after the list ttl: the availability counts they show are not
// invalidated seat by seat, or a rush would keep them from ever being reused.
#include "catalog_changes.hpp"

#include <proeventa/http/representation.hpp>
#include <proeventa/shared_cache.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace proeventa::db {
class read_router;
}

namespace proeventa::events {

/// One cached answer, and who may see it: drafts are loaded through the cache (concurrent
/// askers share the load) but never kept, and only their organizer and admins get them.
struct public_answer {
    representation_ptr rep;
    std::int64_t organizer_id = 0;
    bool draft = false;

    std::size_t weight() const { return sizeof(*this) + (rep ? rep->weight() : 0); }
};

class public_answers final : public catalog_changes {
public:
    using cache_type = shared_cache<public_answer>;

    public_answers(std::size_t max_bytes, std::function<std::uint64_t()> epoch, std::chrono::milliseconds list_ttl)
        : cache_(max_bytes, std::move(epoch)), list_ttl_(list_ttl) {}

    cache_type& cache() { return cache_; }
    /// Every change this cache hears of is announced to `reads` first (before the entries go),
    /// so a refill from a replica waits until the replica has replayed it. Null: none.
    void announce_changes_to(db::read_router* reads) { reads_ = reads; }
    cache_type::stats statistics() const { return cache_.statistics(); }
    std::chrono::milliseconds list_ttl() const { return list_ttl_; }

    static std::string event_key(std::int64_t id) { return "event/" + std::to_string(id); }
    static std::string seats_key(std::int64_t id) { return "seats/" + std::to_string(id); }
    static std::string states_key(std::int64_t id) { return "states/" + std::to_string(id); }
    static std::string list_key(const std::string& filter_key) { return "list/" + filter_key; }

    void event_changed(std::int64_t id) override;
    void venue_changed() override;
    void reservations_changed(std::int64_t event_id) override;

    /// Payloads of the proeventa_catalog and proeventa_seats channels; malformed ones clear
    /// everything (safe, if wasteful).
    void on_catalog_notification(std::string_view payload);
    void on_seats_notification(std::string_view payload);
    /// The listener lost its connection: free the memory now (entries are distrusted already).
    void on_listening(bool listening);

private:
    void announce_change() const;

    cache_type cache_;
    std::chrono::milliseconds list_ttl_;
    db::read_router* reads_ = nullptr;
};

}  // namespace proeventa::events
