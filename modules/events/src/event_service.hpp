#pragma once
// Events: the list, single events with availability, seat maps with seat states, and the
// transactions that create, change and cancel events. Takes typed inputs, returns records;
// expected failures are `failure`s (errors.hpp).
#include "errors.hpp"
#include "event_repository.hpp"
#include "event_rules.hpp"
#include "hooks.hpp"
#include "list_cache.hpp"
#include "model.hpp"
#include "venue_service.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/http/request_context.hpp>

#include <optional>
#include <unordered_map>
#include <vector>

namespace proeventa::events {

struct seat_map_view {
    event_record event;
    seat_cache::seats_ptr seats;
    std::unordered_map<std::int64_t, seat_state> states;
};

struct cancel_outcome {
    event_view view;
    std::int64_t reservations_cancelled = 0;
};

class event_service {
public:
    event_service(db::pool& db, venue_service& venues, module_hooks& hooks, list_cache& lists)
        : db_(db), venues_(venues), hooks_(hooks), lists_(lists) {}

    /// Anonymous viewers' pages come through list_cache (up to its ttl old).
    awaitable<list_cache::page_ptr> list(const event_filter& filter, std::int64_t limit, std::int64_t offset);
    /// event_not_found unless it exists and `who` may see it.
    awaitable<event_view> get(std::int64_t id, const std::optional<principal>& who);
    awaitable<seat_map_view> seat_map(std::int64_t id, const std::optional<principal>& who);

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
    awaitable<std::int64_t> places_taken(std::int64_t id);
    awaitable<std::unordered_map<std::int64_t, std::int64_t>> places_taken(
        const std::vector<std::int64_t>& ids);
    awaitable<event_page> load_page(event_filter filter, std::int64_t limit, std::int64_t offset);
    awaitable<field_problems> prepare_new(const principal& who, const event_input& in, event_draft& draft);
    awaitable<event_record> update_locked(db::transaction& tx, const principal& who, std::int64_t id,
                                          const event_input& in);
    awaitable<cancel_outcome> cancel_locked(db::transaction& tx, const principal& who, std::int64_t id);

    db::pool& db_;
    venue_service& venues_;
    module_hooks& hooks_;
    list_cache& lists_;
};

}  // namespace proeventa::events
