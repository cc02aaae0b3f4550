#pragma once
// Events: the list, single events with availability, seat maps with seat states, and the
// transactions that create, change and cancel events. Takes typed inputs, returns records;
// expected failures are `failure`s (errors.hpp).
#include "errors.hpp"
#include "event_repository.hpp"
#include "event_rules.hpp"
#include "hooks.hpp"
#include "catalog_changes.hpp"
#include "model.hpp"
#include "venue_service.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/db/read_router.hpp>
#include <proeventa/http/request_context.hpp>

#include <optional>
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

struct seat_map_view {
    event_record event;
    seat_cache::seats_ptr seats;
    std::unordered_map<std::int64_t, seat_state> states;
};

/// What a live seat map starts from: the event and who holds what (seated) or how many places
/// are taken (general admission).
struct seat_states_view {
    event_record event;
    seat_cache::seats_ptr seats;  // the venue's seats (geometry), seated events only
    std::unordered_map<std::int64_t, seat_state> states;
    std::int64_t places_taken = 0;
};

struct cancel_outcome {
    event_view view;
    std::int64_t reservations_cancelled = 0;
};

class event_service {
public:
    event_service(db::pool& db, venue_service& venues, module_hooks& hooks, catalog_changes& changes)
        : db_(db), venues_(venues), hooks_(hooks), changes_(changes) {}

    /// Public reads (list pages for everyone who sees the public list, events and seat maps
    /// loaded into the cache) go through `reads`; an organizer's or admin's own view and every
    /// write stay on the primary. Null: everything on the primary.
    void read_public_from(db::read_router* reads) { reads_ = reads; }

    awaitable<event_page> list(const event_filter& filter, std::int64_t limit, std::int64_t offset);
    /// The event whoever asks, drafts included (callers check can_see): event_not_found when
    /// it does not exist.
    awaitable<event_view> load(std::int64_t id);
    awaitable<seat_map_view> load_seat_map(std::int64_t id);
    awaitable<seat_states_view> load_states(std::int64_t id);

    /// What create would find wrong with `in` against its venue, without storing anything: for a
    /// caller that reports these together with problems of its own.
    awaitable<field_problems> check_new(const principal& who, const event_input& in);
    /// invalid_input when the event breaks a rule against its venue.
    awaitable<event_view> create(const principal& who, const event_input& in);
    /// In one transaction that starts by locking the event: event_not_found, not_allowed,
    /// event_cancelled, invalid_input, has_reservations or capacity_below_reserved.
    awaitable<event_view> update(const principal& who, std::int64_t id, const event_input& in);
    /// Cancels the event and, in the same transaction, its reservations.
    awaitable<cancel_outcome> cancel(const principal& who, std::int64_t id);

private:
    awaitable<event_page> list_on(db::pool& db, const event_filter& filter, std::int64_t limit,
                                  std::int64_t offset);
    awaitable<std::optional<event_record>> find_public(std::int64_t id);
    awaitable<std::int64_t> places_taken(std::int64_t id);
    awaitable<std::unordered_map<std::int64_t, std::int64_t>> places_taken(
        const std::vector<std::int64_t>& ids);
    awaitable<field_problems> prepare_new(const principal& who, const event_input& in, event_draft& draft);
    awaitable<event_record> update_locked(db::transaction& tx, const principal& who, std::int64_t id,
                                          const event_input& in);
    awaitable<cancel_outcome> cancel_locked(db::transaction& tx, const principal& who, std::int64_t id);

    db::pool& db_;
    db::read_router* reads_ = nullptr;
    venue_service& venues_;
    module_hooks& hooks_;
    catalog_changes& changes_;
};

}  // namespace proeventa::events
