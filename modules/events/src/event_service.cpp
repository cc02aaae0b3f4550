#include "event_service.hpp"

#include "access.hpp"
#include "venue_repository.hpp"

namespace proeventa::events {

namespace {

std::optional<venue_facts> facts_of(const std::optional<venue_record>& v) {
    if (!v) return std::nullopt;
    venue_facts f;
    f.id = v->id;
    f.seated = v->seated;
    f.capacity = v->capacity;
    for (const auto& c : v->categories) f.categories.push_back(c.name);
    return f;
}

bool same_prices(const std::vector<price>& a, const std::vector<price>& b) {
    if (a.size() != b.size()) return false;
    for (const auto& p : a) {
        bool found = false;
        for (const auto& q : b) found = found || (q.category == p.category && q.price_cents == p.price_cents);
        if (!found) return false;
    }
    return true;
}

failure not_found() { return failure(errc::event_not_found, "event not found"); }

/// has_reservations or capacity_below_reserved, naming the field whose change they refuse.
failure reserved_conflict(errc code, std::string message, std::string field, std::string problem) {
    field_problems details;
    details.push_back({std::move(field), std::move(problem)});
    return failure(code, std::move(message), std::move(details));
}

}  // namespace

awaitable<std::unordered_map<std::int64_t, std::int64_t>> event_service::places_taken(
    const std::vector<std::int64_t>& ids) {
    if (!hooks_.states || ids.empty()) co_return std::unordered_map<std::int64_t, std::int64_t>{};
    co_return co_await hooks_.states->places_taken(ids);
}

awaitable<std::int64_t> event_service::places_taken(std::int64_t id) {
    // A named vector: g++ 12 mis-compiles a braced list bound to a coroutine's parameter.
    const std::vector<std::int64_t> ids{id};
    const auto taken = co_await places_taken(ids);
    auto it = taken.find(id);
    co_return it == taken.end() ? 0 : it->second;
}

awaitable<event_page> event_service::list(const event_filter& filter, std::int64_t limit, std::int64_t offset) {
    // An organizer's or admin's view lists their drafts and must show their own writes at once.
    const bool own_view = filter.viewer_id.has_value() || filter.viewer_is_admin;
    if (!reads_ || own_view) co_return co_await list_on(db_, filter, limit, offset);
    auto read = [this, &filter, limit, offset](db::pool& db) { return list_on(db, filter, limit, offset); };
    co_return co_await reads_->cache_fill(read);
}

awaitable<std::optional<event_record>> event_service::find_public(std::int64_t id) {
    if (!reads_) co_return co_await find_event(db_, id);
    auto read = [id](db::pool& db) { return find_event(db, id); };
    co_return co_await reads_->cache_fill(read);
}

awaitable<event_page> event_service::list_on(db::pool& db, const event_filter& filter, std::int64_t limit,
                                             std::int64_t offset) {
    event_page page;
    page.total = co_await count_events(db, filter);
    if (page.total <= offset) co_return page;
    auto events = co_await list_events(db, filter, limit, offset);
    std::vector<std::int64_t> ids;
    ids.reserve(events.size());
    for (const auto& e : events) ids.push_back(e.id);
    // One batch for the whole page, not one question per event.
    const auto taken = co_await places_taken(ids);
    page.items.reserve(events.size());
    for (auto& e : events) {
        auto it = taken.find(e.id);
        page.items.push_back({std::move(e), it == taken.end() ? 0 : it->second});
    }
    co_return page;
}

awaitable<event_view> event_service::load(std::int64_t id) {
    auto event = co_await find_public(id);
    if (!event) throw not_found();
    const std::int64_t taken = co_await places_taken(id);
    co_return event_view{std::move(*event), taken};
}

awaitable<seat_map_view> event_service::load_seat_map(std::int64_t id) {
    auto event = co_await find_public(id);
    if (!event) throw not_found();
    seat_map_view view;
    venue_record venue;
    venue.id = event->venue_id;
    venue.seated = event->venue_seated;
    view.seats = co_await venues_.seats(venue);
    if (hooks_.states && event->venue_seated) view.states = co_await hooks_.states->taken_seats(id);
    view.event = std::move(*event);
    co_return view;
}

awaitable<seat_states_view> event_service::load_states(std::int64_t id) {
    auto event = co_await find_event(db_, id);
    if (!event) throw not_found();
    seat_states_view view;
    if (!event->venue_seated) {
        view.places_taken = co_await places_taken(id);
    } else {
        venue_record venue;
        venue.id = event->venue_id;
        venue.seated = true;
        view.seats = co_await venues_.seats(venue);
        if (hooks_.states) view.states = co_await hooks_.states->taken_seats(id);
    }
    view.event = std::move(*event);
    co_return view;
}

awaitable<field_problems> event_service::prepare_new(const principal& who, const event_input& in,
                                                     event_draft& draft) {
    draft = merge_event(in, nullptr, who.user_id);
    if (!in.venue_id) {
        field_problems missing;
        missing.push_back({"venue_id", "is required"});
        co_return missing;
    }
    const auto venue = co_await find_venue(db_, *in.venue_id);
    co_return check_event(draft, in, facts_of(venue));
}

awaitable<field_problems> event_service::check_new(const principal& who, const event_input& in) {
    event_draft draft;
    co_return co_await prepare_new(who, in, draft);
}

awaitable<event_view> event_service::create(const principal& who, const event_input& in) {
    event_draft draft;
    auto problems = co_await prepare_new(who, in, draft);
    if (!problems.empty()) throw invalid_input(std::move(problems));
    const std::int64_t id = co_await insert_event(db_, draft);
    changes_.event_changed(id);
    auto event = co_await find_event(db_, id);
    if (!event) throw not_found();
    co_return event_view{std::move(*event), 0};
}

awaitable<event_view> event_service::update(const principal& who, std::int64_t id, const event_input& in) {
    auto change = [this, &who, id, &in](db::transaction& tx) { return update_locked(tx, who, id, in); };
    event_record updated = co_await db_.in_transaction(change);
    changes_.event_changed(id);
    const std::int64_t taken = co_await places_taken(id);
    co_return event_view{std::move(updated), taken};
}

awaitable<event_record> event_service::update_locked(db::transaction& tx, const principal& who,
                                                     std::int64_t id, const event_input& in) {
    const auto current = co_await lock_event(tx, id);
    if (!current || !can_see(*current, who)) throw not_found();
    if (!can_manage(*current, who))
        throw failure(errc::not_allowed, "only the event's organizer or an admin may change it");
    if (current->status == "cancelled")
        throw failure(errc::event_cancelled, "a cancelled event cannot be changed");

    event_draft draft = merge_event(in, &*current, current->organizer_id);
    const auto venue = co_await find_venue(tx, draft.venue_id);
    auto problems = check_event(draft, in, facts_of(venue));
    if (!problems.empty()) throw invalid_input(std::move(problems));

    const bool venue_changed = draft.venue_id != current->venue_id;
    const bool capacity_changed = draft.capacity.value_or(0) != current->capacity;
    const bool unpublished = current->status == "published" && draft.status == "draft";

    std::optional<bool> sold_out;
    if (venue_changed || capacity_changed || unpublished) {
        // Each listener's count is read under its lock, so nothing new is reserved between this
        // check and our commit.
        std::int64_t taken = 0;
        for (auto* listener : hooks_.listeners) taken += co_await listener->lock_places_taken(tx, id);
        const std::string reserved = "the event already has " + std::to_string(taken) + " places reserved";
        if (venue_changed && taken > 0)
            throw reserved_conflict(errc::has_reservations,
                                    "the venue cannot change once places are reserved", "venue_id", reserved);
        if (unpublished && taken > 0)
            throw reserved_conflict(errc::has_reservations,
                                    "an event with reservations cannot return to draft", "status", reserved);
        if (draft.capacity.value_or(0) < taken)
            throw reserved_conflict(
                errc::capacity_below_reserved, "capacity cannot drop below the places already reserved",
                "capacity", "must be at least " + std::to_string(taken) + ", the places already reserved");
        if (capacity_changed) sold_out = taken >= draft.capacity.value_or(0);
    }

    co_await update_event(tx, id, draft, sold_out);
    if (!same_prices(draft.prices, current->prices)) co_await replace_prices(tx, id, draft.prices);
    // Only general admission keeps a counter; a seated event's capacity is its seat map.
    const bool general_admission = venue && !venue->seated && draft.capacity;
    if (general_admission && (capacity_changed || venue_changed))
        for (auto* listener : hooks_.listeners)
            co_await listener->on_capacity_changed(tx, id, *draft.capacity);
    auto updated = co_await find_event(tx, id);
    if (!updated) throw not_found();
    co_return std::move(*updated);
}

awaitable<cancel_outcome> event_service::cancel(const principal& who, std::int64_t id) {
    auto cancellation = [this, &who, id](db::transaction& tx) { return cancel_locked(tx, who, id); };
    cancel_outcome outcome = co_await db_.in_transaction(cancellation);
    changes_.event_changed(id);
    co_return outcome;
}

awaitable<cancel_outcome> event_service::cancel_locked(db::transaction& tx, const principal& who,
                                                       std::int64_t id) {
    const auto current = co_await lock_event(tx, id);
    if (!current || !can_see(*current, who)) throw not_found();
    if (!can_manage(*current, who))
        throw failure(errc::not_allowed, "only the event's organizer or an admin may cancel it");
    if (current->status == "cancelled")
        throw failure(errc::already_cancelled, "the event is already cancelled");

    co_await cancel_event(tx, id);
    // Same transaction: the event is cancelled together with every reservation or not at all.
    cancel_outcome outcome;
    for (auto* listener : hooks_.listeners)
        outcome.reservations_cancelled += co_await listener->on_event_cancelled(tx, id);
    auto updated = co_await find_event(tx, id);
    if (!updated) throw not_found();
    // Cancelled reservations no longer take places.
    outcome.view = event_view{std::move(*updated), 0};
    co_return outcome;
}

}  // namespace proeventa::events
