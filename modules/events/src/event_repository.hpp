#pragma once
// Event storage: the list with its filters, single events (plain or locked for a change), and
// writes. Writes that belong to a larger change take the caller's transaction.
#include "model.hpp"

#include <proeventa/db/pool.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::events {

struct event_filter {
    std::optional<std::string> search;  // from search_text()
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::int64_t> venue_id;
    std::optional<std::int64_t> organizer_id;
    std::optional<std::string> status;
    bool available_only = false;
    std::optional<std::int64_t> viewer_id;  // sees their own drafts
    bool viewer_is_admin = false;
    std::string sort = "start_time";  // start_time | -start_time | name
};

awaitable<std::vector<event_record>> list_events(db::pool& db, const event_filter& filter,
                                                 std::int64_t limit, std::int64_t offset);
awaitable<std::int64_t> count_events(db::pool& db, const event_filter& filter);

template <class Db>
awaitable<std::optional<event_record>> find_event(Db& db, std::int64_t id);
/// SELECT ... FOR UPDATE: the first statement of every transaction that changes an event.
awaitable<std::optional<event_record>> lock_event(db::transaction& tx, std::int64_t id);

template <class Db>
awaitable<std::int64_t> insert_event(Db& db, const event_draft& draft);
/// `sold_out`: a fresh value for the hint when the capacity changed; nullopt keeps it.
awaitable<void> update_event(db::transaction& tx, std::int64_t id, const event_draft& draft,
                             std::optional<bool> sold_out);
awaitable<void> replace_prices(db::transaction& tx, std::int64_t id, const std::vector<price>& prices);
awaitable<void> cancel_event(db::transaction& tx, std::int64_t id);

// What the catalog tells reservations.
awaitable<std::optional<sale_record>> find_sale(db::pool& db, std::int64_t id);
/// The seats among `seat_ids` at the event's venue, with their price.
awaitable<std::vector<seat_sale_record>> find_seats_for_sale(db::pool& db, std::int64_t event_id,
                                                             const std::vector<std::int64_t>& seat_ids);
awaitable<void> set_sold_out(db::pool& db, std::int64_t id, bool sold_out);

}  // namespace proeventa::events
