#pragma once
// The events module's one public header: the catalog interface reservations uses, the two small
// interfaces events needs from others (seat states, lifecycle hooks), and the factory.
#include <proeventa/http/router.hpp>
#include <proeventa/metrics.hpp>
#include <proeventa/net.hpp>
#include <proeventa/settings.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace proeventa::db {
class listener;
class pool;
class transaction;
}  // namespace proeventa::db
namespace proeventa::auth {
class identity;
}

namespace proeventa::db {
class read_router;
}

namespace proeventa::events {

/// What reservations needs to know about an event to sell it.
struct event_for_sale {
    std::int64_t id = 0;
    std::string name;
    std::string start_time;  // RFC 3339
    std::int64_t organizer_id = 0;
    std::int64_t venue_id = 0;
    std::string status;      // draft | published | cancelled
    bool seated = false;
    std::int64_t capacity = 0;  // seats (seated) or places (general admission)
    std::string currency;
    std::int64_t general_price_cents = 0;  // general admission only
    /// Empty when it is on sale now; otherwise why not: "event_cancelled" or "not_on_sale"
    /// together with a message for people.
    std::string not_on_sale_code;
    std::string not_on_sale_reason;
};

struct seat_for_sale {
    std::int64_t id = 0;
    std::string label;
    std::string category;
    std::int64_t price_cents = 0;
};

/// Read-only questions reservations asks; the only way it learns about events.
///
/// Its database half is one SQL function, `event_lock_for_sale(event_id bigint) RETURNS boolean`
/// (migrations/0006_event_sale_lock.sql): true when the event is on sale now, and the event row
/// then stays locked against sale changes until the caller's transaction ends. Reservation writes
/// call it in the statement that makes a reservation active, so a cancel, an unpublish or a
/// change of sales window either waits for that write and sees it, or is seen by it.
class catalog {
public:
    virtual ~catalog() = default;
    virtual awaitable<std::optional<event_for_sale>> find_event(std::int64_t event_id) = 0;
    /// The seats among `seat_ids` that belong to the event's venue, with their price.
    virtual awaitable<std::vector<seat_for_sale>> find_seats(std::int64_t event_id,
                                                             const std::vector<std::int64_t>& seat_ids) = 0;
    /// Records whether every place of the event is taken. An eventually-consistent hint: only the
    /// `available=true` list filter reads it, and availability numbers always come from
    /// seat_states. Call it after your transaction commits, never inside one: it updates the
    /// event row on its own connection, and that row may be locked by an events transaction
    /// that is itself waiting on your locks (lock_places_taken).
    virtual awaitable<void> set_sold_out(std::int64_t event_id, bool sold_out) = 0;
    /// Reservations of the event changed and committed here: this instance's cached pages and
    /// seat maps of it are dropped at once (other instances hear of it by NOTIFY).
    virtual void availability_changed(std::int64_t event_id) = 0;
};

enum class seat_state { available, held, reserved };

/// Implemented by reservations; events uses it to draw seat maps and count places.
class seat_states {
public:
    virtual ~seat_states() = default;
    /// Seats of the event that are not available (absent: available). One query.
    virtual awaitable<std::unordered_map<std::int64_t, seat_state>> taken_seats(std::int64_t event_id) = 0;
    /// Places taken (held + confirmed, expired holds excluded) per event. One query.
    virtual awaitable<std::unordered_map<std::int64_t, std::int64_t>> places_taken(
        const std::vector<std::int64_t>& event_ids) = 0;
};

/// Hooks other modules register at wiring time; called inside the events transaction.
class lifecycle_listener {
public:
    virtual ~lifecycle_listener() = default;
    /// The event is being cancelled: cancel its active reservations. Returns how many.
    virtual awaitable<std::int64_t> on_event_cancelled(db::transaction& tx, std::int64_t event_id) = 0;
    /// Places currently taken, read under a lock that keeps them from growing until commit.
    virtual awaitable<std::int64_t> lock_places_taken(db::transaction& tx, std::int64_t event_id) = 0;
    /// A general-admission event's capacity changes (already checked against places taken).
    virtual awaitable<void> on_capacity_changed(db::transaction& tx, std::int64_t event_id,
                                                std::int64_t capacity) = 0;
};

class module {
public:
    virtual ~module() = default;
    virtual catalog& catalog_service() = 0;
    virtual void set_seat_states(seat_states& states) = 0;
    virtual void add_lifecycle_listener(lifecycle_listener& listener) = 0;
    virtual void register_routes(router& r) = 0;
    /// The answer cache: hits, misses, evictions, entries, bytes (for /metrics).
    virtual std::vector<metric_sample> metrics() const = 0;
};

struct options {
    /// How long a public event-list page is reused (0: never). Event and venue writes on any
    /// instance clear it at once; this bounds how stale the availability counts it shows can be.
    /// Single events and seat maps are dropped at every change of their reservations.
    std::chrono::milliseconds list_cache_ttl{1000};
    /// Memory for cached answers (event pages, list pages, seat maps), least recently used
    /// evicted first; 0 turns the cache off.
    std::size_t cache_bytes = 64u << 20;
    /// Live seat-map streams (Server-Sent Events) open at once on this instance; past it, 503.
    std::size_t max_streams = 8000;
    /// Where public reads go (a streaming replica when one is in service and has replayed the
    /// changes announced so far, else the primary); null: the primary. Set by main.cpp.
    db::read_router* public_reads = nullptr;
};

/// The module's flags and environment variables (the list cache), bound to `opts`, whose
/// values are the defaults.
std::vector<setting> settings(options& opts);

/// `changes` is the instance's change listener; the module subscribes to it here, so it must
/// be started after this.
std::unique_ptr<module> make_module(db::pool& db, auth::identity& identity, options opts, db::listener& changes);

/// Loads the demo venues and events, owned by `organizer_id` (main.cpp creates the demo organizer,
/// organizer@demo.proeventa.test, through the auth module first). Idempotent: a second run finds
/// the demo venues and adds nothing.
awaitable<void> load_demo_data(db::pool& db, std::int64_t organizer_id);

}  // namespace proeventa::events
